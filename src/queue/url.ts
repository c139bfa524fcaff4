/** The queue a command uses: `--queue URL`, else $DZHERELO_QUEUE, else none (work in this process). */
export function queueUrl(flag?: string | null): string | null {
  return flag || process.env.DZHERELO_QUEUE || null;
}
