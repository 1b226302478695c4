import type { RegionFormat } from './region'
import { goFormat } from './go/go-format'
import { gdbFormat } from './gdb/gdb-format'
import { lldbFormat } from './lldb/lldb-format'
import { euStackFormat } from './eu-stack/eu-stack-format'
import { glibcFormat } from './glibc/glibc-format'
import { kernelFormat } from './kernel/kernel-format'
import { systemdFormat } from './systemd/systemd-format'
import { containerFormat } from './container/container-format'
import { memleakFormat } from './memleak/memleak-format'
import { sanitizerFormat } from './sanitizer/sanitizer-format'
import { valgrindFormat } from './valgrind/valgrind-text'
import { valgrindXmlFormat } from './valgrind/valgrind-xml'
import { heaptrackDataFormat } from './heaptrack/heaptrack-data'
import { heaptrackPrintFormat } from './heaptrack/heaptrack-print'
import { massifOutFormat } from './massif/massif-out'
import { msPrintFormat } from './massif/ms-print'
import { pprofTopFormat } from './pprof/pprof-top'
import { perfScriptFormat } from './perf/perf-script'
import { jemallocFormat } from './jemalloc/jemalloc-format'
import { foldedFormat } from './jemalloc/folded'
import { heapCheckFormat } from './tcmalloc/heapcheck-format'
import { heapDumpFormat } from './tcmalloc/heap-dump'
import { javaFormat } from './java/java-format'
import { pythonFormat } from './python/python-format'
import { rustFormat } from './rust/rust-format'
import { nodeFormat } from './node/node-format'
import { logFormat } from './log/log-format'

/**
 * Every region format, in the order the scanner offers a line to them. Specific anchors come
 * before loose ones; weak formats (plain log lines) come last.
 */
export const allFormats: readonly RegionFormat[] = [
  goFormat,
  gdbFormat,
  lldbFormat,
  euStackFormat,
  glibcFormat,
  kernelFormat,
  systemdFormat,
  containerFormat,
  memleakFormat,
  sanitizerFormat,
  valgrindFormat,
  valgrindXmlFormat,
  heaptrackDataFormat,
  heaptrackPrintFormat,
  massifOutFormat,
  msPrintFormat,
  pprofTopFormat,
  perfScriptFormat,
  jemallocFormat,
  heapCheckFormat,
  heapDumpFormat,
  foldedFormat,
  javaFormat,
  pythonFormat,
  rustFormat,
  nodeFormat,
  logFormat,
]
