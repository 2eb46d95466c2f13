import { describe, expect, it } from "vitest";
import { confidenceOf, KnowledgeIndex } from "@/lib/faq/knowledge-index";
import { stem, toSearchTerm } from "@/lib/faq/search-terms";

const IT = [
  { id: "password", question: "Come posso reimpostare la password?", answer: "Vai su Accedi → Password dimenticata.", keywords: ["password dimenticata", "recupero accesso", "login"] },
  { id: "email", question: "Come cambio l'indirizzo email del mio account?", answer: "Dal profilo.", keywords: ["email", "account", "profilo"] },
  { id: "shipping", question: "Quali sono i tempi di spedizione?", answer: "2-3 giorni lavorativi.", keywords: ["spedizione", "consegna", "corriere", "tracking"] },
  { id: "refund", question: "Come richiedo un rimborso?", answer: "Dalla pagina Ordini.", keywords: ["rimborso", "reso", "restituzione", "soldi indietro"] },
  { id: "cancel", question: "Come annullo un ordine?", answer: "Entro un'ora dall'acquisto.", keywords: ["annullare ordine", "cancellare", "disdire"] },
  { id: "payment", question: "Quali metodi di pagamento accettate?", answer: "Carta, PayPal, bonifico.", keywords: ["pagamento", "pagare", "carta di credito", "paypal", "bonifico"] },
];
const EN = [
  { id: "en-password", question: "How do I reset my password?", answer: "Use 'Forgot password'.", keywords: ["forgot password", "login"] },
  { id: "en-shipping", question: "How long does shipping take?", answer: "2-3 working days.", keywords: ["delivery", "shipping time", "courier"] },
  { id: "en-refund", question: "How can I get a refund?", answer: "From your orders page.", keywords: ["refund", "money back", "return"] },
];

describe("KnowledgeIndex.rank", () => {
  const it_ = new KnowledgeIndex(IT, "it");
  const en = new KnowledgeIndex(EN, "en");

  const paraphrases: [KnowledgeIndex, string, string][] = [
    [it_, "Ho dimenticato la password", "password"],
    [it_, "reimposto la password come?", "password"],
    [it_, "ciao, quanto ci mette la consegna del corriere?", "shipping"],
    [it_, "voglio i miei soldi indietro", "refund"],
    [it_, "come faccio a richiedere un rimborso??", "refund"],
    [it_, "vorrei annullare l'ordine 1234", "cancel"],
    [it_, "posso pagare con PayPal?", "payment"],
    [it_, "devo cambiare la mail del profilo", "email"],
    [it_, "Quali corrieri usate?", "shipping"],
    [en, "I forgot my password", "en-password"],
    [en, "resetting passwords", "en-password"],
    [en, "when will my delivery arrive", "en-shipping"],
    [en, "I want my money back", "en-refund"],
  ];
  it.each(paraphrases)("%#: %s → %s", (index, question, expected) => {
    expect(index.rank(question)[0]?.entry.id).toBe(expected);
  });

  it("gives the entry's own question confidence 1, and typos and accents still match", () => {
    for (const entry of IT) expect(it_.rank(entry.question)[0]).toMatchObject({ entry: { id: entry.id }, confidence: 1 });
    expect(it_.rank("Come posso reimpostare la pasword")[0]?.entry.id).toBe("password");
    expect(it_.rank("QUALI SONO I TEMPI DI SPEDIZIONE")[0]?.confidence).toBe(1);
  });

  it("finds nothing for questions the knowledge base does not cover", () => {
    expect(it_.rank("voglio parlare con un operatore")).toEqual([]);
    expect(it_.rank("il prodotto è arrivato rotto")).toEqual([]);
    expect(it_.rank("???")).toEqual([]);
    expect(new KnowledgeIndex([], "it").rank("password")).toEqual([]);
  });

  it("is less sure of a one-word question than of a full paraphrase", () => {
    const oneWord = it_.rank("password")[0];
    const paraphrase = it_.rank("Ho dimenticato la password")[0];
    expect(oneWord.entry.id).toBe("password");
    expect(oneWord.confidence).toBeGreaterThan(0.3);
    expect(oneWord.confidence).toBeLessThan(paraphrase.confidence);
    expect(paraphrase.confidence).toBeGreaterThan(0.8);
  });

  it("keeps confidence within 0–1 when the question also hits the keywords", () => {
    const rich = it_.rank("reimpostare password dimenticata recupero accesso login")[0];
    expect(rich.entry.id).toBe("password");
    expect(rich.confidence).toBe(1);
  });
});

describe("confidenceOf", () => {
  it("maps the self score to 1, nothing to 0, and grows with the share of the score", () => {
    expect(confidenceOf(10, 10)).toBe(1);
    expect(confidenceOf(25, 10)).toBe(1);
    expect(confidenceOf(0, 10)).toBe(0);
    expect(confidenceOf(5, 0)).toBe(0);
    expect(confidenceOf(2.5, 10)).toBe(0.5);
    expect(confidenceOf(Number.NaN, 10)).toBe(0);
  });
});

describe("search terms", () => {
  it("drops function words and folds inflections and accents", () => {
    expect(toSearchTerm("Perché", "it")).toBeNull();
    expect(toSearchTerm("è", "it")).toBeNull();
    expect(toSearchTerm("the", "en")).toBeNull();
    expect(stem("ordini", "it")).toBe(stem("ordine", "it"));
    expect(stem("corrieri", "it")).toBe(stem("corriere", "it"));
    expect(stem("reimpostare", "it").startsWith(stem("reimposto", "it"))).toBe(true);
    expect(stem("spedizioni", "it")).toBe(stem("spedizione", "it"));
    expect(stem("orders", "en")).toBe(stem("ordered", "en"));
    expect(toSearchTerm("Città", "it")).toBe("citt");
    expect(toSearchTerm("speed", "en")).toBe("speed");
    expect(toSearchTerm("2fa", "en")).toBe("2fa");
  });
});
