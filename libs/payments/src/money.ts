import { ValidationError } from '@glint/domain-errors';

/**
 * An amount of money as Glint records it: whole cents, not negative, at most the configured
 * maximum. Anything else is refused naming the field, before anything is recorded.
 */
export function assertCents(field: string, value: number, maxAmountCents: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ValidationError('invalid_amount', `${field} must be an amount in whole cents.`, field);
  if (!Number.isInteger(value)) throw new ValidationError('fractional_amount', `${field} must be whole cents, not a fraction of a cent (got ${value}).`, field);
  if (value < 0) throw new ValidationError('negative_amount', `${field} must not be negative (got ${value}).`, field);
  if (value > maxAmountCents) throw new ValidationError('amount_over_maximum', `${field} must be at most ${maxAmountCents} cents (got ${value}).`, field);
}

/** The platform's share of a price: `feeBasisPoints` hundredths of a percent, truncated to the cent. */
export function platformFee(price: number, feeBasisPoints: number): number {
  return Math.trunc((price * feeBasisPoints) / 10_000);
}

export function assertFeeRate(feeBasisPoints: number): void {
  if (!Number.isInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > 10_000) {
    throw new ValidationError('invalid_fee_rate', `The fee rate must be 0 to 10000 hundredths of a percent (got ${feeBasisPoints}).`, 'feeBasisPoints');
  }
}
