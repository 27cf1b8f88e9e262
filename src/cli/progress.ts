/** A one-line progress bar on stderr (TTY only): files done / total, rate and time left. */
export class Progress {
  private done_ = 0;
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {
    this.draw();
  }

  tick(): void {
    this.done_++;
    this.draw();
  }

  done(): void {
    this.stderr.write('\r\x1b[2K');
  }

  private draw(): void {
    const width = 24;
    const filled = Math.round((this.done_ / this.total) * width);
    const seconds = (Date.now() - this.started) / 1000;
    const rate = seconds > 0 ? this.done_ / seconds : 0;
    const eta = rate > 0 ? Math.ceil((this.total - this.done_) / rate) : undefined;
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    this.stderr.write(`\r\x1b[2K${bar} ${this.done_}/${this.total} files · ${rate.toFixed(1)}/s${eta === undefined ? '' : ` · ${eta}s left`}`);
  }
}
