/**
 * Interop with the roaming and charger standards: OCPI 2.2.1 / 2.3.0 tariffs and charge records,
 * OCPP 2.1 tariffs and cost details. No Node built-ins.
 */
export { type Warning, type Converted, DocumentError } from "./common.js";
export {
  OCPI_VERSIONS,
  detectOcpiVersion,
  type OcpiVersion,
  type OcpiTariff,
  type OcpiTariffElement,
  type OcpiPriceComponent,
  type OcpiRestrictions,
  type OcpiCdr,
  type OcpiPrice221,
  type OcpiPrice230,
  type OcpiPriceLimit230,
  type OcpiTaxAmount,
} from "./ocpi/model.js";
export { ocpiToTariff, tariffToOcpi, type OcpiImportOptions, type OcpiExportOptions } from "./ocpi/tariff.js";
export { priceCdr, checkCdr, compileOcpiTariff, type CompiledOcpiTariff, type CdrPricing, type CdrMismatch, type CdrCheck, type CheckCdrOptions, type PriceCdrOptions } from "./ocpi/cdr.js";
export { tariffToOcpp, ocppToTariff, costDetails, type OcppExportOptions, type OcppImportOptions } from "./ocpp/tariff.js";
export type { OcppTariff, OcppCostDetails, OcppTaxRate, OcppPrice, OcppTariffConditions, OcppTariffConditionsFixed } from "./ocpp/model.js";
export { convertTariff, readTariff, writeTariff, FORMATS, type TariffFormat, type ConvertOptions, type ConvertResult } from "./convert.js";
