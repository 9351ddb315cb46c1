import type { Server } from 'node:http';

/**
 * Answers requests Node's HTTP parser rejects (bad framing, a body longer than its
 * Content-Length, oversized headers) with the API's JSON error instead of Node's bare
 * `400 Bad Request`, then closes the connection, whose stream position is lost.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason] = STATUSES[error.code ?? ''] ?? [400, 'Bad Request'];
    const body = JSON.stringify({
      error: `The HTTP request could not be parsed (${error.code ?? 'parse error'}): check its framing, Content-Length and headers.`,
    });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}

// --- internal ---

const STATUSES: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
};
