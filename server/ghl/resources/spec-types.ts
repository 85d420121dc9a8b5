/**
 * Compile-time proof that a runtime (zod) shape agrees with the type generated from GHL's spec:
 * `SpecChecked<Parsed, Spec>` only resolves when every parsed field exists in the spec with a
 * compatible type.
 */
export type SpecChecked<Parsed, Spec> = Parsed extends Spec ? Parsed : never;
