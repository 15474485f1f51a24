import type { Lang, Language } from "../phrases.js";
import { greek } from "./el.js";
import { english } from "./en.js";
import { spanish } from "./es.js";
import { french } from "./fr.js";
import { dutch } from "./nl.js";
import { portuguese } from "./pt.js";

/** The six driver languages. */
export const LANGUAGES: Readonly<Record<Lang, Language>> = { en: english, es: spanish, pt: portuguese, el: greek, nl: dutch, fr: french };
