import { ServingError } from './serving-error.js';

/** A client went over RATE_LIMIT_RPS (429, with the seconds until its next token). */
export class TooManyRequestsError extends ServingError {
  constructor(rps: number, burst: number, retryAfter: number) {
    super(
      'E_RATE_LIMITED',
      429,
      `Too many requests from this client: the limit is ${rps} per second with bursts of ${burst} (RATE_LIMIT_RPS, RATE_LIMIT_BURST); retry after ${retryAfter} s.`,
      { retryAfter },
    );
  }
}
