/**
 * The Chromium the end-to-end tests and the browser benchmarks drive: the system's
 * (`/usr/bin/chromium`, or `$DEBRIEF_CHROMIUM`), never a downloaded one.
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.DEBRIEF_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    // Without a GPU, Chromium would emulate one (SwiftShader) for accelerated canvases; the
    // CPU rasteriser is what a GPU-less machine really uses.
    '--disable-gpu',
    // Chromium's background services would try to reach the network; nothing may leave.
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
}
