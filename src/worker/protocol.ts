import type { Incident } from '../model/types'
import type { DebriefBundle } from '../model/notes/bundle'

/** Messages to the parse worker. */
export type ToWorker = {
  type: 'parse'
  /** Increases with every job; replies carry it so stale ones are dropped. */
  jobId: number
  /** Files or Blobs: posting them shares the underlying data, nothing is copied.
   *  `lastModified` is the `File`'s (a part of a file keeps its file's): it dates syslog lines
   *  that print no year. */
  files: { name: string; blob: Blob; wholeSize?: number; lastModified?: number }[]
}

/** Messages from the parse worker. Every job ends in exactly one `done` or `error`. */
export type FromWorker =
  | {
      type: 'progress'
      jobId: number
      /** Bytes of the inputs read so far (compressed bytes for a .gz). */
      bytesRead: number
      bytesTotal: number
    }
  | {
      type: 'done'
      jobId: number
      /** The model; its typed arrays arrive as transferred buffers. */
      incident: Incident
      parseMs: number
    }
  | { type: 'error'; jobId: number; message: string }

/** What the bundle worker decodes: a share link's `#share=` value, or a dropped `.debrief`. */
export type DecodeBundleRequest =
  { type: 'link'; value: string } | { type: 'file'; name: string; blob: Blob }

/** The one reply to a `DecodeBundleRequest`; `message` says what was wrong, for the reader. */
export type DecodeBundleReply =
  { type: 'done'; bundle: DebriefBundle } | { type: 'error'; message: string }
