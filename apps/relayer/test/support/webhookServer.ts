import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP server that records the JSON bodies POSTed to it. */
export interface WebhookServer {
  /** `http://127.0.0.1:<port>/alerts`. */
  url: string;
  /** Every body received, parsed, in order. */
  bodies: unknown[];
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Starts a {@link WebhookServer} on a free loopback port; it answers 204 to every POST. */
export async function startWebhookServer(): Promise<WebhookServer> {
  const bodies: unknown[] = [];
  const server = createServer((request, response) => {
    readBody(request)
      .then((text) => {
        if (request.method === "POST") bodies.push(JSON.parse(text));
        response.statusCode = request.method === "POST" ? 204 : 405;
        response.end();
      })
      .catch(() => {
        response.statusCode = 400;
        response.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  // listen() on a TCP port gives an AddressInfo.
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/alerts`,
    bodies,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
