import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { startApp } from './state/start-up'
import { App } from './views/shell/App'
import { isFramed } from './views/shell/framed'
import './views/app.css'

const root = document.getElementById('root')!
if (isFramed()) {
  // Refused before anything is drawn or read: see framed.ts.
  const message = document.createElement('p')
  message.className = 'message message-error'
  message.setAttribute('role', 'alert')
  message.dataset.testid = 'framed-refusal'
  message.textContent =
    'Debrief does not run inside another page’s frame, so no other site can overlay it. Open it in its own tab: '
  const link = document.createElement('a')
  link.href = location.href
  link.target = '_blank'
  link.rel = 'noopener noreferrer'
  link.textContent = location.href
  message.append(link)
  root.replaceChildren(message)
} else {
  startApp(location.hash)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
}
