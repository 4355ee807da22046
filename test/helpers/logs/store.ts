/** Events at the given timestamps, each message naming its timestamp. */
export function eventsAt(...timestamps: number[]): { timestamp: number; message: string }[] {
  return timestamps.map((timestamp) => ({ timestamp, message: `event at ${timestamp}` }));
}
