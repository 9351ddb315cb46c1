// The sample's columns. This package is the only place in modelship that knows them: the rest
// of the pipeline reads column names and roles from params.yaml and config/churn.schema.json.

export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;
export const CONTRACT_TYPES = ['month-to-month', 'one-year', 'two-year'] as const;
export const INTERNET_SERVICES = ['fiber', 'dsl', 'none'] as const;
export const PAYMENT_METHODS = [
  'electronic-check',
  'mailed-check',
  'bank-transfer',
  'credit-card',
] as const;

/** One generated customer. `null` is a missing value (an empty CSV field). */
export interface ChurnRow {
  customer_id: string;
  age: number;
  senior_citizen: boolean;
  region: (typeof REGIONS)[number];
  has_partner: boolean;
  has_dependents: boolean;
  tenure_months: number;
  contract_type: (typeof CONTRACT_TYPES)[number];
  internet_service: (typeof INTERNET_SERVICES)[number];
  num_services: number;
  streaming_tv: boolean;
  paperless_billing: boolean;
  payment_method: (typeof PAYMENT_METHODS)[number];
  monthly_charges: number;
  total_charges: number | null;
  avg_data_gb: number | null;
  support_calls_90d: number;
  late_payments_12m: number;
  days_since_last_login: number | null;
  satisfaction_score: number | null;
  churned: 0 | 1;
}

/** CSV column order. */
export const CHURN_COLUMNS = [
  'customer_id',
  'age',
  'senior_citizen',
  'region',
  'has_partner',
  'has_dependents',
  'tenure_months',
  'contract_type',
  'internet_service',
  'num_services',
  'streaming_tv',
  'paperless_billing',
  'payment_method',
  'monthly_charges',
  'total_charges',
  'avg_data_gb',
  'support_calls_90d',
  'late_payments_12m',
  'days_since_last_login',
  'satisfaction_score',
  'churned',
] as const satisfies readonly (keyof ChurnRow)[];

/** Decimal places written for each non-integer numeric column (fixed, so bytes never vary). */
export const DECIMALS: Partial<Record<keyof ChurnRow, number>> = {
  monthly_charges: 2,
  total_charges: 2,
  avg_data_gb: 1,
};
