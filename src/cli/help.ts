/** The CLI's help texts: one per command, each with an example. */

export const HELP = `ev-tariff — exact, explainable prices for EV charging sessions

Usage:
  ev-tariff validate <file…> [--kind K]           check tariffs, sessions, OCPI and OCPP documents
  ev-tariff lint <tariff…> [--json]              findings beyond validity: rates that never apply, free
                                                 hours, fees, price display rules (AFIR, NIST HB 44)
  ev-tariff price <tariff> <session> [--json]    print the receipt (a table, or exact JSON)
  ev-tariff explain <tariff> <session> [--json]  show which rate applied when, and every rounding
  ev-tariff markets [CODE…] [--json]             markets and regions: currency, zones, taxes and sources
  ev-tariff batch <tariff|folder> <sessions.ndjson|-> [--workers N] [--out file]
                                                 price NDJSON sessions in bulk (--redis URL: on a queue)
  ev-tariff worker --redis URL [--concurrency N]  price the jobs of batches queued on Redis
  ev-tariff compare <current> <proposed> <sessions.ndjson|-> [--json] [--html report.html]
                                                 what a proposed tariff does to revenue and prices
  ev-tariff ocpi price|check <tariff> <cdr>      price an OCPI charge record / compare with its totals
  ev-tariff convert --from F --to F <tariff>     v1, ocpi-2.2.1, ocpi-2.3.0, ocpp-2.1
  ev-tariff --help | --version

"ev-tariff <command> --help" lists a command's options (--max-session-days, --ignore-validity,
--currency with --rate, --lang, …) with an example.
A file argument of "-" reads standard input (at most one per command); files and standard input
are read up to 64 MiB.
Exit codes: 0 ok, 1 invalid input (file, JSON pointer and problem printed), 2 usage error,
3 internal error (a bug: please report it).

Example:
  ev-tariff price tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json`;

export const VALIDATE_HELP = `ev-tariff validate — check documents; one line per problem

Usage:
  ev-tariff validate <file…> [--kind K] [--max-session-days N] [--market CC] [--time-zone Zone]

Each file is recognised by its members: an ev-tariff v1 tariff, an ev-tariff session, an OCPI
tariff (2.2.1 or 2.3.0), an OCPI charge record (CDR) or an OCPP 2.1 tariff; one that shows none of
them is checked as a v1 tariff. Prints "file: ok" (with the kind when it is not a v1 tariff) on
standard output, or "file: /pointer: problem" lines on standard error.

Options:
  --kind K               check every file as K: ${"tariff, session, ocpi-tariff, ocpi-cdr, ocpp-tariff"}
  --max-session-days N   sessions may last up to N days (default 31)
  --market CC            market of OCPP tariffs (they name none), or instead of OCPI's country_code
  --time-zone Zone       zone of OCPI and OCPP tariffs' local times (they carry none)

Examples:
  ev-tariff validate tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json
  ev-tariff validate --kind session --max-session-days 60 long-stay.json`;

const PRICING_OPTIONS = `  --json                 print the exact receipt as JSON
  --max-session-days N   accept a session of up to N days (default 31)
  --ignore-validity      price a session outside the tariff's validFrom/validTo anyway
  --currency C --rate R  bill in currency C at R units of C per unit of the tariff's currency
                         (given by you, never fetched; amounts rounded in C's digits)`;

export const PRICE_HELP = `ev-tariff price — the receipt of a session priced with a tariff

Usage:
  ev-tariff price <tariff.json> <session.json> [options]

Options:
${PRICING_OPTIONS}
  --lang L               the driver's receipt in language L (en, es, pt, el, nl, fr) or a locale
                         of one (fr-BE, el-GR): local times, the locale's number format

Examples:
  ev-tariff price tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json
  ev-tariff price --lang el tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json
  ev-tariff price --currency USD --rate 1.0831 --json tariff.json session.json`;

export const EXPLAIN_HELP = `ev-tariff explain — which rate applied when, the rates skipped and why, every rounding

Usage:
  ev-tariff explain <tariff.json> <session.json> [options]

Options:
${PRICING_OPTIONS}

Example:
  ev-tariff explain tariffs/gr/athens-dc-150.json tariffs/gr/sessions/evening-fast-charge.json`;
