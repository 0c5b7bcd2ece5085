/**
 * Why an article file could not be loaded. The loader turns these into `errors` entries (one bad
 * file never stops a batch); the CLI prints the message as one line.
 */
export type ContentErrorCode =
  | 'not-found'
  | 'unreadable'
  | 'unsupported'
  | 'too-large'
  | 'binary'
  | 'not-utf8'
  | 'empty'
  | 'front-matter'
  | 'sidecar'
  | 'no-text';

export class ContentError extends Error {
  constructor(
    readonly code: ContentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ContentError';
  }
}
