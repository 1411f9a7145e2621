/** The shape of one CLI command module. */
export interface Command {
  usage: string;
  /** Resolves to the exit code; long-running commands resolve when they stop. */
  run(args: string[]): Promise<number>;
}
