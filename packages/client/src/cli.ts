// The `refscope` command. PLACEHOLDER until the CLI lands.
export async function main(argv: string[]): Promise<number> {
  process.stderr.write(`refscope: not built yet (${argv.join(' ')})\n`);
  return 2;
}
