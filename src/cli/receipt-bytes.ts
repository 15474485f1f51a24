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
    this.room(bytes.length);
    this.buf.set(bytes, this.n);
    this.n += bytes.length;
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

  /** A string as JSON.stringify writes it. */
  private string(s: string): void {
    const len = s.length;
    const start = this.n;
    this.room(len + 2);
    const b = this.buf;
    let n = start;
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

  /** A string of the tariff (the same few on every receipt): as `string`, from a cache. */
  private constant(s: string): void {
    let bytes = this.known.get(s);
    if (bytes === undefined) {
      bytes = encoder.encode(JSON.stringify(s));
      if (this.known.size < CACHE_MAX) this.known.set(s, bytes);
    }
    this.bytes(bytes);
  }

  private nullable(s: string | null): void {
    if (s === null) this.ascii("null");
    else this.string(s);
  }

  private line(l: ReceiptLine): void {
    this.ascii('{"component":');
    this.string(l.component);
    if (l.name !== undefined) {
      this.ascii(',"name":');
      this.constant(l.name);
    }
    this.ascii(',"rate":');
    this.nullable(l.rate);
    this.ascii(',"from":');
    this.string(l.from);
    this.ascii(',"to":');
    this.string(l.to);
    this.ascii(',"quantity":');
    this.string(l.quantity);
    this.ascii(',"unit":');
    this.string(l.unit);
    this.ascii(',"unitPrice":');
    this.string(l.unitPrice);
    this.ascii(',"net":');
    this.string(l.net);
    this.ascii(',"gross":');
    this.string(l.gross);
    this.ascii("}");
  }

  private tax(t: ReceiptTax): void {
    this.ascii('{"name":');
    this.constant(t.name);
    this.ascii(',"rate":');
    this.string(t.rate);
    this.ascii(',"base":');
    this.string(t.base);
    this.ascii(',"amount":');
    this.string(t.amount);
    this.ascii(',"source":');
    this.constant(t.source);
    this.ascii("}");
  }

  /** A receipt's JSON, as `JSON.stringify(receipt)` (the members in the order priceSession builds them). */
  receipt(r: Receipt): void {
    this.ascii('{"tariffId":');
    this.constant(r.tariffId);
    if (r.sessionId !== undefined) {
      this.ascii(',"sessionId":');
      this.string(r.sessionId);
    }
    this.ascii(',"market":');
    this.string(r.market);
    this.ascii(',"currency":');
    this.string(r.currency);
    if (r.exchange !== undefined) {
      this.ascii(',"exchange":{"from":');
      this.string(r.exchange.from);
      this.ascii(',"to":');
      this.string(r.exchange.to);
      this.ascii(',"rate":');
      this.string(r.exchange.rate);
      this.ascii("}");
    }
    this.ascii(',"timeZone":');
    this.constant(r.timeZone);
    this.ascii(',"pricesInclude":');
    this.string(r.pricesInclude);
    this.ascii(',"payment":');
    this.string(r.payment);
    this.ascii(',"energyKWh":');
    this.string(r.energyKWh);
    this.ascii(',"lines":[');
    for (let i = 0; i < r.lines.length; i++) {
      if (i > 0) this.ascii(",");
      this.line(r.lines[i]!);
    }
    this.ascii('],"taxes":[');
    for (let i = 0; i < r.taxes.length; i++) {
      if (i > 0) this.ascii(",");
      this.tax(r.taxes[i]!);
    }
    this.ascii('],"totals":{"net":');
    this.string(r.totals.net);
    this.ascii(',"tax":');
    this.string(r.totals.tax);
    this.ascii(',"gross":');
    this.string(r.totals.gross);
    this.ascii("}}");
  }

  /** A batch receipt record and its newline: `{"line":N,"receipt":…}`. */
  receiptRecord(line: number, r: Receipt): void {
    this.ascii('{"line":' + line + ',"receipt":');
    this.receipt(r);
    this.ascii("}\n");
  }

  /** The bytes written since the last take, in a buffer of their own; the writer goes on in a new one. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.n);
    this.size = Math.max(this.size, this.n + (this.n >> 3));
    this.buf = new Uint8Array(this.size);
    this.n = 0;
    return out;
  }
}
