/**
 * An error the CLI user caused (missing file, bad flag, unknown topic): printed as one line on
 * stderr with a non-zero exit code, never as a stack trace.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
