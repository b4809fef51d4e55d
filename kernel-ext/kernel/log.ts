// Kernel diagnostics go to the kernel process's real stderr (the Jupyter server's log), never into a
// notebook cell: cells redirect process.stderr, so keep the original writer from before that.
const originalStderrWrite = process.stderr.write.bind(process.stderr);

export function kernelLog(line: string): void {
  originalStderrWrite(`[tsnwb kernel] ${line}\n`);
}
