/**
 * Batch records written straight to UTF-8 bytes: exactly the bytes of `JSON.stringify` encoded as
 * UTF-8, without the receipt's JSON text and a second pass to encode it. (A Greek receipt's tax name
 * made every record of a block two-byte text; JSON.stringify and TextEncoder were then about a third
 * of a batch worker's time.) Printable ASCII is copied byte by byte as it is checked; any other
 * string is escaped by `JSON.stringify` itself; the tariff's strings (tax names and sources, ids) are
 * encoded once and remembered. test/batch/receipt-bytes.test.ts holds it to JSON.stringify.
 */
import type { Receipt, ReceiptLine, ReceiptTax } from "../receipt/types.js";

/** The tariffs' strings remembered at most (a batch's tariffs have a few dozen). */
const CACHE_MAX = 1024;
const encoder = new TextEncoder();

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** A member's key as it is written before its value: `,"name":` (or `{"name":` first in an object). */
const member = (name: string, before = ","): Uint8Array => ascii(`${before}"${name}":`);

/** The literal text before each member's value (and the closing brackets), as bytes. */
const K = {
  tariffId: member("tariffId", "{"),
  sessionId: member("sessionId"),
  market: member("market"),
  currency: member("currency"),
  exchangeFrom: member("from", ',"exchange":{'),
  timeZone: member("timeZone"),
  pricesInclude: member("pricesInclude"),
  payment: member("payment"),
  energyKWh: member("energyKWh"),
  lines: ascii(',"lines":['),
  component0: member("component", "{"),
  component: member("component", ",{"),
  name: member("name"),
  rate: member("rate"),
  rateNull: ascii(',"rate":null'),
  from: member("from"),
  to: member("to"),
  quantity: member("quantity"),
  unit: member("unit"),
  unitPrice: member("unitPrice"),
  net: member("net"),
  gross: member("gross"),
  taxes: ascii('],"taxes":['),
  taxName0: member("name", "{"),
  taxName: member("name", ",{"),
  base: member("base"),
  amount: member("amount"),
  source: member("source"),
  totalsNet: member("net", '],"totals":{'),
  tax: member("tax"),
  close: ascii("}"),
  close2: ascii("}}"),
  end: ascii("}\n"),
};

/** Writes records into a growing buffer; `take` hands the bytes over (their ArrayBuffer may be transferred). */
export class RecordWriter {
  private buf: Uint8Array;
  private n = 0;
  /** The tariffs' strings (ids, tax names and sources, excise names): their JSON, as UTF-8. */
  private readonly known = new Map<string, Uint8Array>();

  constructor(private size = 64 * 1024) {
    this.buf = new Uint8Array(size);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.n;
  }

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.n + k));
    grown.set(this.buf.subarray(0, this.n));
    this.buf = grown;
  }

  /** ASCII text as it is (the writer's own literals and numbers). */
  private ascii(s: string): void {
    const len = s.length;
    this.room(len);
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < len; i++) b[n++] = s.charCodeAt(i);
    this.n = n;
  }

  /** Bytes as they are. */
  bytes(bytes: Uint8Array): void {
    const len = bytes.length;
    this.room(len);
    if (len > 32) this.buf.set(bytes, this.n);
    else for (let i = 0, b = this.buf, n = this.n; i < len; i++) b[n + i] = bytes[i]!;
    this.n += len;
  }

  /** Any text, as UTF-8. */
  text(s: string): void {
    const start = this.n;
    this.room(s.length);
    const b = this.buf;
    let n = start;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 127) {
        this.n = start;
        return this.bytes(encoder.encode(s));
      }
      b[n++] = c;
    }
    this.n = n;
  }

  /** A string as JSON.stringify writes it, after `key` (a member's `,"name":`, pre-encoded). */
  private string(key: Uint8Array, s: string): void {
    const len = s.length;
    const k = key.length;
    this.room(k + len + 2);
    const b = this.buf;
    let n = this.n;
    for (let i = 0; i < k; i++) b[n++] = key[i]!;
    const start = n;
    b[n++] = 34;
    for (let i = 0; i < len; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 126 || c === 34 || c === 92) {
        this.n = start;
        return this.bytes(encoder.encode(JSON.stringify(s)));
      }
      b[n++] = c;
    }
    b[n++] = 34;
    this.n = n;
  }

  /** A string of the tariff (the same few on every receipt), after `key`: as `string`, from a cache. */
  private constant(key: Uint8Array, s: string): void {
    let bytes = this.known.get(s);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(s));
      if (this.known.size < CACHE_MAX) this.known.set(s, bytes);
    }
    this.room(key.length + bytes.length);
    this.buf.set(key, this.n);
    this.buf.set(bytes, this.n + key.length);
    this.n += key.length + bytes.length;
  }

  private line(l: ReceiptLine, first: boolean): void {
    this.string(first ? K.component0 : K.component, l.component);
    if (l.name !== undefined) this.constant(K.name, l.name);
    if (l.rate === null) this.bytes(K.rateNull);
    else this.string(K.rate, l.rate);
    this.string(K.from, l.from);
    this.string(K.to, l.to);
    this.string(K.quantity, l.quantity);
    this.string(K.unit, l.unit);
    this.string(K.unitPrice, l.unitPrice);
    this.string(K.net, l.net);
    this.string(K.gross, l.gross);
    this.bytes(K.close);
  }

  private tax(t: ReceiptTax, first: boolean): void {
    this.constant(first ? K.taxName0 : K.taxName, t.name);
    this.string(K.rate, t.rate);
    this.string(K.base, t.base);
    this.string(K.amount, t.amount);
    this.constant(K.source, t.source);
    this.bytes(K.close);
  }

  /** A receipt's JSON, as `JSON.stringify(receipt)` (the members in the order priceSession builds them). */
  receipt(r: Receipt): void {
    this.constant(K.tariffId, r.tariffId);
    if (r.sessionId !== undefined) this.string(K.sessionId, r.sessionId);
    this.string(K.market, r.market);
    this.string(K.currency, r.currency);
    if (r.exchange !== undefined) {
      this.string(K.exchangeFrom, r.exchange.from);
      this.string(K.to, r.exchange.to);
      this.string(K.rate, r.exchange.rate);
      this.bytes(K.close);
    }
    this.constant(K.timeZone, r.timeZone);
    this.string(K.pricesInclude, r.pricesInclude);
    this.string(K.payment, r.payment);
    this.string(K.energyKWh, r.energyKWh);
    this.bytes(K.lines);
    for (let i = 0; i < r.lines.length; i++) this.line(r.lines[i]!, i === 0);
    this.bytes(K.taxes);
    for (let i = 0; i < r.taxes.length; i++) this.tax(r.taxes[i]!, i === 0);
    this.string(K.totalsNet, r.totals.net);
    this.string(K.tax, r.totals.tax);
    this.string(K.gross, r.totals.gross);
    this.bytes(K.close2);
  }

  /** A batch receipt record and its newline: `{"line":N,"receipt":…}`. */
  receiptRecord(line: number, r: Receipt): void {
    this.ascii('{"line":' + line + ',"receipt":');
    this.receipt(r);
    this.bytes(K.end);
  }

  /** The bytes written since the last take, in a buffer of their own; the writer goes on in a new one. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.n);
    // The next buffer fits a block like this one (and grows if it must): one long block does not make every later one large.
    this.size = Math.max(64 * 1024, this.n + (this.n >> 3));
    this.buf = new Uint8Array(this.size);
    this.n = 0;
    return out;
  }
}
