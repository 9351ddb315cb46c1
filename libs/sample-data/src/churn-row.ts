import type { ChurnRow } from './churn-columns.js';
import {
  CHURN_COLUMNS,
  CONTRACT_TYPES,
  DECIMALS,
  INTERNET_SERVICES,
  PAYMENT_METHODS,
  REGIONS,
} from './churn-columns.js';
import { drawChurned } from './churn-target.js';
import { deterministicExp } from './deterministic-math.js';
import type { Random } from './random.js';
import { createRandom } from './random.js';

/** Options of the sample generators. */
export interface SampleOptions {
  rows: number;
  seed: number;
}

/**
 * Yields the sample's rows in order. Pure: the same options always give the same rows.
 * @example [...generateChurnRows({ rows: 3, seed: 42 })].map((row) => row.churned)
 */
export function* generateChurnRows(options: SampleOptions): Generator<ChurnRow> {
  const random = createRandom(options.seed);
  for (let index = 0; index < options.rows; index += 1) {
    yield generateChurnRow(random, index);
  }
}

/** The CSV header line (no line break). */
export function formatChurnHeader(): string {
  return CHURN_COLUMNS.join(',');
}

/** One CSV line (no line break): fixed decimals, `true`/`false`, empty fields for missing. */
export function formatChurnRow(row: ChurnRow): string {
  let line = '';
  for (let i = 0; i < CHURN_COLUMNS.length; i += 1) {
    const column = CHURN_COLUMNS[i];
    const value = row[column];
    if (i > 0) line += ',';
    if (value === null) continue;
    const decimals = DECIMALS[column];
    line += decimals === undefined ? String(value) : (value as number).toFixed(decimals);
  }
  return line;
}

// --- internal ---

const INTERNET_WEIGHTS = [0.44, 0.34, 0.22];
const PAYMENT_WEIGHTS = [0.34, 0.22, 0.22, 0.22];
const REGION_WEIGHTS = [0.22, 0.28, 0.2, 0.22, 0.08];

function generateChurnRow(random: Random, index: number): ChurnRow {
  const age = clamp(Math.round(46 + 16 * random.normal()), 18, 90);
  const hasPartner = random.bernoulli(0.48);
  const tenure = random.bernoulli(0.3) ? random.int(0, 12) : random.int(0, 72);
  const longTermShare = tenure / 72;
  const contract =
    CONTRACT_TYPES[
      random.pickIndex([
        0.75 - 0.45 * longTermShare,
        0.15 + 0.15 * longTermShare,
        0.1 + 0.3 * longTermShare,
      ])
    ];
  const internet = INTERNET_SERVICES[random.pickIndex(INTERNET_WEIGHTS)];
  const online = internet !== 'none';
  const numServices = Math.min(online ? 2 + random.poisson(1.8) : 1 + random.poisson(0.4), 8);
  const payment = PAYMENT_METHODS[random.pickIndex(PAYMENT_WEIGHTS)];
  const baseCharge = internet === 'fiber' ? 68 : internet === 'dsl' ? 44 : 19;
  const monthlyCharges = clamp(baseCharge + 6 * (numServices - 1) + 4 * random.normal(), 18, 140);
  // Hidden dissatisfaction: drives churn, and shows only through calls, logins and the survey.
  const latent = random.normal();
  const supportCalls = Math.min(
    random.poisson(0.7 + (internet === 'fiber' ? 0.4 : 0) + 0.5 * Math.max(latent, 0)),
    20,
  );
  const row: ChurnRow = {
    customer_id: `C${String(index + 1).padStart(7, '0')}`,
    age,
    senior_citizen: age >= 65,
    region: REGIONS[random.pickIndex(REGION_WEIGHTS)],
    has_partner: hasPartner,
    has_dependents: random.bernoulli(hasPartner ? 0.45 : 0.12),
    tenure_months: tenure,
    contract_type: contract,
    internet_service: internet,
    num_services: numServices,
    streaming_tv: online && random.bernoulli(0.45),
    paperless_billing: random.bernoulli(internet === 'fiber' ? 0.7 : 0.52),
    payment_method: payment,
    monthly_charges: roundTo(monthlyCharges, 2),
    total_charges: generateTotalCharges(random, monthlyCharges, tenure),
    avg_data_gb: generateDataUsage(random, internet),
    support_calls_90d: supportCalls,
    late_payments_12m: Math.min(random.poisson(payment === 'electronic-check' ? 0.8 : 0.35), 12),
    days_since_last_login: random.bernoulli(0.06)
      ? null
      : clamp(Math.round(deterministicExp(2 + 0.5 * latent + 0.8 * random.normal())), 0, 365),
    satisfaction_score: random.bernoulli(0.15)
      ? null
      : clamp(Math.round(3.4 - 0.8 * latent - 0.15 * supportCalls + 0.6 * random.normal()), 1, 5),
    churned: 0,
  };
  row.churned = drawChurned(row, latent, random);
  return row;
}

function generateTotalCharges(random: Random, monthly: number, tenure: number): number | null {
  // New customers have not been billed yet (blank, as in real billing exports); a few rows
  // are lost in the export.
  if (tenure === 0 || random.bernoulli(0.004)) return null;
  return roundTo(Math.max(monthly * tenure * (1 + 0.03 * random.normal()), 0), 2);
}

function generateDataUsage(random: Random, internet: ChurnRow['internet_service']): number | null {
  if (random.bernoulli(0.03)) return null;
  if (internet === 'none') return 0;
  const median = internet === 'fiber' ? 38 : 14;
  return roundTo(median * deterministicExp(0.6 * random.normal()), 1);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

// Arithmetic rounding (toFixed-and-parse is 5x slower); the result is the double nearest to the
// decimal that formatChurnRow then prints, so a parsed CSV equals the generated row.
function roundTo(value: number, decimals: 1 | 2): number {
  const factor = decimals === 1 ? 10 : 100;
  return Math.round(value * factor) / factor;
}
