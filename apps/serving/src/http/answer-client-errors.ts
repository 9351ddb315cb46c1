import { maxHeaderSize, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SECURITY_HEADERS } from './security-headers.js';
import { ServingError } from './serving-error.js';

/**
 * Answers requests Node's HTTP parser rejects before Express sees them (bad framing, a body
 * longer than its Content-Length, oversized headers, HEADERS_TIMEOUT_MS or REQUEST_TIMEOUT_MS
 * exceeded) with the API's `{ "error": "..." }` body and security headers instead of Node's bare
 * status line, then closes the connection, whose stream position is lost.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET' || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    const answer = describeClientError(error.code);
    const body = JSON.stringify({ error: answer.message });
    const headers = [
      ...SECURITY_HEADERS,
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ['Connection', 'close'],
    ]
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${answer.status} ${REASONS[answer.status]}\r\n${headers}\r\n${body}`);
  });
}

// --- internal ---

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

function describeClientError(code: string | undefined): ServingError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new ServingError(
      'E_HEADERS_TOO_LARGE',
      431,
      `The request headers are larger than the server accepts (${maxHeaderSize} bytes in all); send fewer or shorter headers.`,
    );
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ServingError(
      'E_REQUEST_TIMEOUT',
      408,
      'The request was not received in time (HEADERS_TIMEOUT_MS / REQUEST_TIMEOUT_MS); send it whole, without pauses.',
    );
  }
  return new ServingError(
    'E_HTTP_PARSE',
    400,
    `The HTTP request could not be parsed (${code ?? 'parse error'}): check its request line, framing, Content-Length and headers.`,
  );
}

// A response already being written on this socket (keep-alive) cannot be followed by another.
function responseStarted(socket: Socket): boolean {
  const message = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  return message?.headersSent === true;
}
