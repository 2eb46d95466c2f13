// How the FAQ bot turns words into index terms (MiniSearch's processTerm): lowercase, accents off, function words
// dropped, and a light inflection strip so "ordini" finds "ordine" and "orders" finds "order". Ranking
// itself is MiniSearch's BM25; this only decides which spellings count as the same word. Pure, browser-safe.
import type { Locale } from "@/lib/i18n/config";

const STOPWORDS: Record<Locale, ReadonlySet<string>> = {
  it: new Set(
    (
      "a ad al allo alla ai agli alle anche avere ho hai ha abbiamo avete hanno c ce ci che chi come con contro cosa cui " +
      "da dal dallo dalla dai dagli dalle del dello della dei degli delle di dove e ed è essere sono sei siamo siete era " +
      "fa fare gli grazie i il in io la le lei li lo loro lui ma me mi mia mie miei mio ne nei negli nel nello nella nelle " +
      "no noi non o per perche perché più piu po posso può puo puoi potete possiamo qual quale quali quando quanto quella " +
      "quelle quelli quello questa queste questi questo se si sia sto su sua sue sui sul sullo sulla suo suoi ti tra tu " +
      "tua tue tuo tuoi un una uno vi voi vorrei voglio volevo salve ciao buongiorno buonasera aiuto favore"
    ).split(" "),
  ),
  en: new Set(
    (
      "a about an and are as at be been but by can could do does did for from get got have has had hello hi how i i'm " +
      "if in into is it its me my no not of on or our please so that the their them then there these they this to " +
      "us was we were what when where which who why will with would you your thanks thank help want need"
    ).split(" "),
  ),
};

// Italian: the final vowel only (gender, number, person: "ordine/ordini", "reimposto" → "reimpost", which MiniSearch's
// prefix match then finds in "reimpostar[e]"); stripping "-are/-ere" too would turn "corriere" into "corri". English:
// the regular inflections. Longest first; a full stemmer would also merge unrelated words.
const SUFFIXES: Record<Locale, readonly string[]> = {
  it: ["o", "a", "e", "i"],
  en: ["ing", "ies", "ied", "ed", "es", "s"],
};
const MIN_STEM: Record<Locale, number> = { it: 4, en: 4 };

export function stem(term: string, locale: Locale): string {
  if (term.length < 5 || /\d/.test(term)) return term;
  for (const suffix of SUFFIXES[locale]) {
    if (term.endsWith(suffix) && term.length - suffix.length >= MIN_STEM[locale]) return term.slice(0, -suffix.length);
  }
  return term;
}

/** One token → its index term, or null for words that carry no meaning on their own. */
export function toSearchTerm(token: string, locale: Locale): string | null {
  const term = token
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
  if (term.length < 2 && !/\d/.test(term)) return null;
  if (STOPWORDS[locale].has(term) || STOPWORDS[locale].has(token.toLowerCase())) return null;
  return stem(term, locale);
}
