/** A rate as a scenario or `--rate` gives it (engine/availability/rates.ts turns it into a timing). */
export type Rate = { readonly perHour: number } | { readonly meanHours: number } | { readonly meanSeconds: number } | 'immediate';
