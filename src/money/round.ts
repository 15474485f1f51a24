
/** Named rounding modes. The default everywhere is `halfAwayFromZero` (commercial rounding). */
export type RoundingMode =
  | "halfAwayFromZero"
  | "halfEven"
  | "halfTowardZero"
  | "awayFromZero"
  | "towardZero";

export const ROUNDING_MODES: readonly RoundingMode[] = [
  "halfAwayFromZero",
  "halfEven",
  "halfTowardZero",
  "awayFromZero",
  "towardZero",
];
