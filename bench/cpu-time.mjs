// CPU time from /proc (Linux), for the benchmarks that report CPU per request: user + system time of a process or
// of each of its threads, in microseconds. /proc counts clock ticks, 100 a second, so use runs of a few seconds.

/** Microseconds per clock tick of /proc's stat fields. */
const TICK_US = 10_000;

/** User + system CPU µs in the text of a /proc `stat` file (the fields after the command name's closing paren). */
export function statCpuUs(stat) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_US;
}

/** The name in a /proc `stat` file (the command, or the thread's name). */
export function statName(stat) {
  return stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
}
