import { readFileSync } from "node:fs";
import { Script, createContext } from "node:vm";
import { describe, expect, it } from "vitest";

// Runs public/embed.js against a minimal fake DOM: enough to check the URL it builds,
// the popup → panel fallback, Escape/postMessage closing and the window.Sportello API,
// without a browser (the repo has no jsdom and CI has no Chromium).
const source = readFileSync(new URL("../../public/embed.js", import.meta.url), "utf8");

type Listener = (event: Record<string, unknown>) => void;

class FakeNode {
  readonly attributes = new Map<string, string>();
  readonly children: FakeNode[] = [];
  readonly listeners = new Map<string, Listener[]>();
  readonly styleProps = new Map<string, string>();
  readonly style = { setProperty: (name: string, value: string) => void this.styleProps.set(name, value) };
  parent: FakeNode | undefined;
  shadowRoot: FakeNode | undefined;
  /** Set on shadow roots: the element they are attached to. */
  host: FakeNode | undefined;
  textContent = "";

  constructor(
    readonly tagName: string,
    private readonly dom: FakeDom,
  ) {}

  get dataset(): Record<string, string> {
    const data: Record<string, string> = {};
    for (const [k, v] of this.attributes) {
      if (k.startsWith("data-")) data[k.slice(5).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = v;
    }
    return data;
  }
  get src(): string {
    return this.attributes.get("src") ?? "";
  }
  get hidden(): boolean {
    return this.attributes.has("hidden");
  }
  set hidden(value: boolean) {
    if (value) this.attributes.set("hidden", "");
    else this.attributes.delete("hidden");
  }
  get activeElement(): FakeNode | null {
    const focused = this.dom.focused;
    return focused && focused.rootNode() === this ? focused : null;
  }

  setAttribute(name: string, value: unknown): void {
    this.attributes.set(name, String(value));
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  appendChild(child: FakeNode): FakeNode {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeNode): FakeNode {
    this.children.splice(this.children.indexOf(child), 1);
    child.parent = undefined;
    return child;
  }
  attachShadow(): FakeNode {
    this.shadowRoot = new FakeNode("#shadow-root", this.dom);
    this.shadowRoot.host = this;
    return this.shadowRoot;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string, event: Record<string, unknown> = {}): void {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  focus(): void {
    this.dom.focused = this;
  }
  click(): void {
    this.dispatch("click");
  }
  querySelector(selector: string): FakeNode | null {
    return this.findAll((n) => n.classes().includes(selector.replace(/^\./, "")))[0] ?? null;
  }
  findAll(predicate: (node: FakeNode) => boolean): FakeNode[] {
    const found: FakeNode[] = [];
    for (const child of [...this.children, ...(this.shadowRoot ? [this.shadowRoot] : [])]) {
      if (predicate(child)) found.push(child);
      found.push(...child.findAll(predicate));
    }
    return found;
  }
  classes(): string[] {
    return (this.attributes.get("class") ?? "").split(/\s+/);
  }
  rootNode(): FakeNode {
    return this.parent ? this.parent.rootNode() : this;
  }
}

class FakeDom {
  focused: FakeNode | undefined;
  readonly body = new FakeNode("body", this);
  readonly windowListeners = new Map<string, Listener[]>();
  readonly opened: { url: string; name: string; features: string }[] = [];
  popupBlocked = false;
  readonly script: FakeNode;
  readonly context: Record<string, unknown>;

  constructor(dataAttributes: Record<string, string> = {}, src = "https://desk.example.com/embed.js") {
    this.script = new FakeNode("script", this);
    this.script.setAttribute("src", src);
    for (const [k, v] of Object.entries(dataAttributes)) this.script.setAttribute(`data-${k}`, v);
    this.body.appendChild(this.script);
    this.context = createContext(this.globals());
  }

  private globals(): Record<string, unknown> {
    const documentListeners = new FakeNode("#document", this);
    const document = {
      currentScript: this.script,
      body: this.body,
      documentElement: { lang: "it-IT" },
      createElement: (tag: string) => new FakeNode(tag, this),
      querySelectorAll: () => [this.script],
      addEventListener: (type: string, l: Listener) => documentListeners.addEventListener(type, l),
      listeners: documentListeners,
    };
    // Like a browser: focus inside a shadow root is reported as its host element.
    Object.defineProperty(document, "activeElement", {
      get: () => (this.focused ? (this.focused.rootNode().host ?? this.focused) : this.body),
    });
    const popup = { closed: false, focus: () => undefined, close: () => void (popup.closed = true) };
    const globals: Record<string, unknown> = {
      document,
      location: { href: "https://shop.example.com/products/1" },
      URL,
      URLSearchParams,
      console,
      open: (url: string, name: string, features: string) => {
        this.opened.push({ url, name, features });
        return this.popupBlocked ? null : popup;
      },
      addEventListener: (type: string, l: Listener) =>
        this.windowListeners.set(type, [...(this.windowListeners.get(type) ?? []), l]),
    };
    globals.window = globals;
    return globals;
  }

  run(): this {
    new Script(source).runInContext(this.context);
    return this;
  }

  get api(): {
    version: string;
    open: (opts?: Record<string, unknown>) => string | null;
    close: () => void;
    setIdentity: (identity: Record<string, unknown>) => void;
    setLastQuestion: (text: string) => void;
  } {
    return this.context.Sportello as FakeDom["api"];
  }

  get shadow(): FakeNode {
    const host = this.body.children.find((c) => c.attributes.has("data-sportello"));
    if (!host?.shadowRoot) throw new Error("embed host not rendered");
    return host.shadowRoot;
  }

  find(className: string): FakeNode | undefined {
    return this.body.findAll((n) => n.classes().includes(className))[0];
  }

  iframes(): FakeNode[] {
    return this.body.findAll((n) => n.tagName === "iframe");
  }

  pressKey(key: string): void {
    (this.context.document as { listeners: FakeNode }).listeners.dispatch("keydown", { key });
  }

  postMessage(origin: string, data: unknown): void {
    for (const l of this.windowListeners.get("message") ?? []) l({ origin, data });
  }
}

function query(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url).searchParams);
}

describe("embed.js button", () => {
  it("renders one accessible button in a shadow root and loads no chat before the click", () => {
    const dom = new FakeDom().run();
    const button = dom.find("sp-b");
    expect(button?.tagName).toBe("button");
    expect(button?.getAttribute("type")).toBe("button");
    expect(button?.textContent).toBe("💬 Parla con un operatore");
    expect(button?.getAttribute("aria-label")).toBe("Parla con un operatore");
    expect(button?.rootNode()).toBe(dom.shadow);
    expect(dom.iframes()).toEqual([]);
    expect(dom.opened).toEqual([]);
    expect(dom.api.version).toBe("0.1.0");
  });

  it("honours data-label, data-lang, data-position and a light data-color", () => {
    const dom = new FakeDom({ label: "Aiuto umano", lang: "en", position: "left", color: "#ffff00" }).run();
    expect(dom.find("sp-b")?.textContent).toBe("Aiuto umano");
    const style = dom.shadow.children.find((c) => c.tagName === "style")?.textContent ?? "";
    expect(style).toContain("left:20px");
    const host = dom.shadow.host;
    expect(host?.styleProps.get("--sp-c")).toBe("#ffff00");
    expect(host?.styleProps.get("--sp-t")).toBe("#111"); // dark text on yellow
  });

  it("never writes data-color into the stylesheet", () => {
    const dom = new FakeDom({ color: "red}*{opacity:0.123" }).run();
    const style = dom.shadow.children.find((c) => c.tagName === "style")?.textContent ?? "";
    expect(style).not.toContain("opacity:0.123");
    expect(dom.shadow.host?.styleProps.get("--sp-c")).toBe("red}*{opacity:0.123");
  });

  it("data-button=none renders nothing but keeps the API", () => {
    const dom = new FakeDom({ button: "none" }).run();
    expect(dom.body.children.some((c) => c.attributes.has("data-sportello"))).toBe(false);
    expect(dom.api.open()).toBe("popup");
  });

  it("a second copy of the snippet keeps the first API", () => {
    const dom = new FakeDom().run();
    const first = dom.api;
    dom.run();
    expect(dom.api).toBe(first);
  });
});

describe("embed.js opening the chat", () => {
  it("clicking opens the guide's 400×600 popup on the script's origin", () => {
    const dom = new FakeDom({ email: "mario@example.com", token: "jwt.token.sig" }).run();
    dom.find("sp-b")?.click();
    expect(dom.opened).toHaveLength(1);
    const { url, name, features } = dom.opened[0];
    expect(url.startsWith("https://desk.example.com/admin/customer-chat.html?")).toBe(true);
    expect(query(url)).toEqual({ email: "mario@example.com", lang: "it", token: "jwt.token.sig", embed: "1" });
    expect(name).toBe("sportello-chat");
    expect(features).toBe("width=400,height=600,scrollbars=no,resizable=no");
  });

  it("passes identity and the last question set through the API", () => {
    const dom = new FakeDom({ lang: "en" }).run();
    dom.api.setIdentity({ email: "anna@example.com", token: "t1" });
    dom.api.setLastQuestion("  Where is my order #12?  ");
    dom.api.open();
    expect(query(dom.opened[0].url)).toEqual({
      email: "anna@example.com",
      question: "Where is my order #12?",
      lang: "en",
      token: "t1",
      embed: "1",
    });
  });

  it("open(opts) sets identity and question too, and truncates long questions", () => {
    const dom = new FakeDom().run();
    dom.api.open({ email: "x@example.com", question: "a".repeat(5000) });
    const q = query(dom.opened[0].url);
    expect(q.email).toBe("x@example.com");
    expect(q.question).toHaveLength(1500);
  });

  it("falls back to the in-page panel when the popup is blocked", () => {
    const dom = new FakeDom().run();
    dom.popupBlocked = true;
    const button = dom.find("sp-b");
    button?.focus();
    button?.click();
    const panel = dom.find("sp-p");
    expect(panel?.hidden).toBe(false);
    expect(panel?.getAttribute("role")).toBe("dialog");
    expect(button?.getAttribute("aria-expanded")).toBe("true");
    const [frame] = dom.iframes();
    expect(frame.src).toBe(dom.opened[0].url);
    expect(frame.getAttribute("title")).toBe("Chat con un operatore");
    expect(dom.focused).toBe(dom.find("sp-x"));
  });
});

describe("embed.js panel", () => {
  it("data-mode=panel opens the iframe without a popup; Escape closes and restores focus", () => {
    const dom = new FakeDom({ mode: "panel" }).run();
    const button = dom.find("sp-b");
    button?.focus();
    expect(dom.api.open()).toBe("panel");
    expect(dom.opened).toEqual([]);
    expect(query(dom.iframes()[0].src).embed).toBe("1");
    dom.pressKey("Escape");
    expect(dom.find("sp-p")?.hidden).toBe(true);
    expect(button?.getAttribute("aria-expanded")).toBe("false");
    expect(dom.focused).toBe(button);
  });

  it("the close button closes it", () => {
    const dom = new FakeDom({ mode: "panel" }).run();
    dom.api.open();
    dom.find("sp-x")?.click();
    expect(dom.find("sp-p")?.hidden).toBe(true);
  });

  it("keeps the conversation when reopened, reloads it when the identity changes", () => {
    const dom = new FakeDom({ mode: "panel" }).run();
    dom.api.open();
    const first = dom.iframes()[0];
    dom.api.close();
    dom.api.open();
    expect(dom.iframes()).toEqual([first]);
    dom.api.close();
    dom.api.setIdentity({ email: "new@example.com" });
    dom.api.open();
    const [second] = dom.iframes();
    expect(second).not.toBe(first);
    expect(query(second.src).email).toBe("new@example.com");
  });

  it("closes on postMessage({type:'sportello:close'}) from the app origin only", () => {
    const dom = new FakeDom({ mode: "panel" }).run();
    dom.api.open();
    dom.postMessage("https://evil.example.com", { type: "sportello:close" });
    expect(dom.find("sp-p")?.hidden).toBe(false);
    dom.postMessage("https://desk.example.com", { type: "sportello:close" });
    expect(dom.find("sp-p")?.hidden).toBe(true);
  });
});
