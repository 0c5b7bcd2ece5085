/** Runs the `mowjaz` CLI in-process with captured output, for the CLI specifications. */
import { runCli, type CliIo } from '../../src/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stdin: async () => Buffer.from(stdin, 'utf8'),
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
