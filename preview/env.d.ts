/** The bundled tariff files, embedded into the page script by scripts/build-preview.ts. */
declare module "virtual:tariffs" {
  const tariffs: ReadonlyArray<{ readonly file: string; readonly text: string }>;
  export default tariffs;
}
