const MIB = 1024 * 1024;

/**
 * A size or limit for a message: "8.6 MiB", "2 MiB" (a whole number shows no ".0"), "40 KiB".
 * KiB round up, so a file just over a limit never reads as the limit itself.
 */
export function formatBytes(n: number): string {
  return n >= MIB ? `${Number((n / MIB).toFixed(1))} MiB` : `${Math.ceil(n / 1024)} KiB`;
}
