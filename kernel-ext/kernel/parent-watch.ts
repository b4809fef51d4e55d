// A kernel whose launcher died (a crashed Jupyter server, a killed test) must not linger: like
// ipykernel's parent poller, exit when the process that started us is gone.
export function exitWhenOrphaned(onOrphaned: () => void, everyMs = 2000): void {
  const launcher = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== launcher) {
      clearInterval(timer);
      onOrphaned();
    }
  }, everyMs);
  timer.unref();
}
