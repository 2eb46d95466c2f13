// The FAQ bot's search index: MiniSearch (BM25, fuzzy and prefix matching) over one locale's active entries.
import MiniSearch, { type SearchOptions } from "minisearch";
import type { Locale } from "@/lib/i18n/config";
import { toSearchTerm } from "@/lib/faq/search-terms";

export interface IndexedEntry {
  id: string;
  question: string;
  answer: string;
  keywords: string[];
}

export interface RankedEntry {
  entry: IndexedEntry;
  /** 0–1: see `confidenceOf`. */
  confidence: number;
}

const SEARCH_OPTIONS: SearchOptions = {
  // The question is what customers' wording should resemble; keywords are the admin's synonyms.
  boost: { question: 2, keywords: 1.5 },
  // Short words are too ambiguous to expand: "ord" must not pull in every "ordine"/"ordinare"/"ordinario".
  prefix: (term) => term.length >= 4,
  fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
  combineWith: "OR",
};

/**
 * MiniSearch scores are unbounded BM25 sums, multiplied by the number of query terms that matched. To read one as a
 * confidence, it is divided by the entry's self score — what the entry gets when its own question is the query,
 * i.e. the score of a perfect paraphrase — and the square root undoes the multiplication by matched terms, so the
 * result grows about linearly with the share of the entry's (IDF-weighted) words the customer used. Asking the
 * entry's question word for word gives 1; sharing no word gives 0; extra matches (keywords) are capped at 1.
 */
export function confidenceOf(score: number, selfScore: number): number {
  if (!(selfScore > 0) || !(score > 0)) return 0;
  return Math.round(Math.min(1, Math.sqrt(score / selfScore)) * 1000) / 1000;
}

export class KnowledgeIndex {
  private readonly search: MiniSearch<IndexedEntry>;
  private readonly entries = new Map<string, IndexedEntry>();
  private readonly selfScores = new Map<string, number>();

  constructor(entries: IndexedEntry[], locale: Locale) {
    this.search = new MiniSearch<IndexedEntry>({
      fields: ["question", "keywords"],
      extractField: (entry, field) => (field === "keywords" ? entry.keywords.join(" ") : String(entry[field as keyof IndexedEntry] ?? "")),
      processTerm: (term) => toSearchTerm(term, locale),
      searchOptions: SEARCH_OPTIONS,
    });
    this.search.addAll(entries);
    for (const entry of entries) this.entries.set(entry.id, entry);
    for (const entry of entries) {
      const self = this.search.search(entry.question, { filter: (result) => result.id === entry.id })[0];
      this.selfScores.set(entry.id, self?.score ?? 0);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The best matching entries for a customer's question, in MiniSearch's order (best first). */
  rank(question: string, limit = 3): RankedEntry[] {
    return this.search
      .search(question)
      .slice(0, limit)
      .map((result) => ({
        entry: this.entries.get(result.id as string)!,
        confidence: confidenceOf(result.score, this.selfScores.get(result.id as string) ?? 0),
      }));
  }
}
