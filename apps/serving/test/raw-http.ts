import { connect, type Socket } from 'node:net';

/** An HTTP answer read off a raw socket, with when the server closed the connection. */
export interface RawAnswer {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from when reading began (just before the request is written) to the close. */
  closedAfterMs: number;
}

/** Opens a raw TCP connection to `url`'s host and port. */
export async function openRawSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

/** Collects what the server writes to `socket` until it closes it, and parses it as one answer. */
export function readRawAnswer(socket: Socket, startedAt = performance.now()): Promise<RawAnswer> {
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (text += chunk));
  socket.on('error', () => undefined);
  return new Promise((resolve) => {
    socket.once('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => {
          const at = line.indexOf(':');
          return [line.slice(0, at).trim().toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body,
        closedAfterMs: performance.now() - startedAt,
      });
    });
  });
}

/** Sends raw bytes on a new connection and reads the answer the server closes it with. */
export async function exchangeRaw(url: string, bytes: string): Promise<RawAnswer> {
  const socket = await openRawSocket(url);
  const answer = readRawAnswer(socket);
  socket.write(bytes);
  return answer;
}
