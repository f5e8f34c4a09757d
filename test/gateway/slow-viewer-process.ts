import { until } from '@glint/testing';
import { SyntheticViewer } from '@glint/testing/gateway';

/**
 * A viewer in a process of its own, so a test can stop it reading altogether (SIGSTOP) without
 * stopping the gateway: it plays the WHEP endpoint given as its argument, prints `receiving` once
 * its first packet arrives, and plays on until it is killed.
 *
 *   node --import tsx test/gateway/slow-viewer-process.ts http://127.0.0.1:<port>/whep/<channel>
 */
async function main(whepUrl: string): Promise<void> {
  const viewer = await SyntheticViewer.connect(
    async (offer) => {
      const response = await fetch(whepUrl, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: offer });
      if (response.status !== 201) throw new Error(`POST ${whepUrl} answered ${response.status}: ${await response.text()}`);
      return response.text();
    },
    { bindAddress: '127.0.0.1' },
  );
  viewer.countOnly = true;
  await until('the first packet from the gateway', () => viewer.packetCount > 0);
  process.stdout.write('receiving\n');
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
