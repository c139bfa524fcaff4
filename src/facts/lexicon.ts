/**
 * Word lists for figures and dates in Ukrainian, Russian and English: number words, scale words,
 * approximators, currencies, percent words, months and weekdays, with their inflected forms.
 *
 * All three languages are always matched together: news quotes across languages, and the Cyrillic
 * forms of uk and ru rarely collide in a way that changes a value. Forms are written with a plain
 * apostrophe; `alt()` turns it into a class of every apostrophe code point news uses (п'ять, п’ять, пʼять).
 */

export const APO = "['’ʼ`ʻ]";

/** A RegExp alternation of `forms` (longest first, so "тисячами" is not cut to "тисяча"), with flexible apostrophes. */
export function alt(forms: readonly string[]): string {
  return [...new Set(forms)]
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, APO))
    .join("|");
}

/** Folds apostrophe variants and case, for looking a matched word up in the tables below. */
export function fold(s: string): string {
  const l = s.toLowerCase();
  return NEEDS_FOLD.test(l) ? l.replace(/['’ʼ`ʻ]/g, "'").replace(/ё/g, "е") : l;
}
const NEEDS_FOLD = /['’ʼ`ʻё]/;


const expand = (stem: string, endings: string) => endings.split("|").map((e) => stem + e);

/** What kind of number word: units and teens and tens and hundreds add up ("двадцять п'ять" = 25). */
export type NumWordKind = "unit" | "teen" | "ten" | "hundred";

interface NumWordDef {
  value: number;
  kind: NumWordKind;
  forms: string[];
}

// uk: the case forms of cardinal numerals. ("сьома", "семью" are left out: they are more often the
// ordinal "seventh" and the noun "family" than the numeral.)
const UK_TEEN = "ь|и|ьох|ьом|ьма|ьома";
const RU_TEEN = "ь|и|ью";
const NUM_WORDS: NumWordDef[] = [
  { value: 1, kind: "unit", forms: ["один", "одна", "одне", "одного", "одному", "одним", "одній", "одну", "однієї", "одно", "одной", "one"] },
  { value: 2, kind: "unit", forms: ["два", "дві", "двох", "двом", "двома", "две", "двух", "двум", "двумя", "two"] },
  { value: 3, kind: "unit", forms: ["три", "трьох", "трьом", "трьома", "трех", "трёх", "трем", "трём", "тремя", "three"] },
  { value: 4, kind: "unit", forms: ["чотири", "чотирьох", "чотирьом", "чотирма", "четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя", "four"] },
  { value: 5, kind: "unit", forms: [...expand("п'ят", "ь|и|ьох|ьом|ьма|ьома"), "пять", "пяти", "пятью", "five"] },
  { value: 6, kind: "unit", forms: ["шість", "шести", "шістьох", "шістьом", "шістьма", "шістьома", "шесть", "шестью", "six"] },
  { value: 7, kind: "unit", forms: ["сім", "семи", "сімох", "сімом", "сімома", "семь", "seven"] },
  { value: 8, kind: "unit", forms: ["вісім", "восьми", "вісьмох", "вісьмом", "вісьма", "вісьмома", "восемь", "восемью", "восьмью", "eight"] },
  { value: 9, kind: "unit", forms: [...expand("дев'ят", "ь|и|ьох|ьом|ьма|ьома"), "девять", "девяти", "девятью", "nine"] },
  { value: 10, kind: "teen", forms: [...expand("десят", "ь|и|ьох|ьом|ьма|ьома"), "десятью", "ten"] },
  ...(
    [
      [11, "одинадцят", "одиннадцат", "eleven"],
      [12, "дванадцят", "двенадцат", "twelve"],
      [13, "тринадцят", "тринадцат", "thirteen"],
      [14, "чотирнадцят", "четырнадцат", "fourteen"],
      [15, "п'ятнадцят", "пятнадцат", "fifteen"],
      [16, "шістнадцят", "шестнадцат", "sixteen"],
      [17, "сімнадцят", "семнадцат", "seventeen"],
      [18, "вісімнадцят", "восемнадцат", "eighteen"],
      [19, "дев'ятнадцят", "девятнадцат", "nineteen"],
    ] as const
  ).map(([value, uk, ru, en]) => ({ value, kind: "teen" as const, forms: [...expand(uk, UK_TEEN), ...expand(ru, RU_TEEN), en] })),
  { value: 20, kind: "ten", forms: [...expand("двадцят", UK_TEEN), ...expand("двадцат", RU_TEEN), "twenty"] },
  { value: 30, kind: "ten", forms: [...expand("тридцят", UK_TEEN), ...expand("тридцат", RU_TEEN), "thirty"] },
  { value: 40, kind: "ten", forms: ["сорок", "сорока", "forty"] },
  { value: 50, kind: "ten", forms: [...expand("п'ятдесят", "|и|ьох|ьма"), "пятьдесят", "пятидесяти", "пятьюдесятью", "fifty"] },
  { value: 60, kind: "ten", forms: [...expand("шістдесят", "|и|ьох|ьма"), "шестьдесят", "шестидесяти", "sixty"] },
  { value: 70, kind: "ten", forms: [...expand("сімдесят", "|и|ьох|ьма"), "семидесяти", "семьдесят", "seventy"] },
  { value: 80, kind: "ten", forms: [...expand("вісімдесят", "|и|ьох|ьма"), "восьмидесяти", "восемьдесят", "eighty"] },
  { value: 90, kind: "ten", forms: ["дев'яносто", "дев'яноста", "девяносто", "девяноста", "ninety"] },
  { value: 100, kind: "hundred", forms: ["сто", "ста", "hundred"] },
  // Collective numerals, for people: "двоє загиблих", "трое раненых", "п'ятеро дітей"
  ...(
    [
      [2, ["двоє", "двое"]],
      [3, ["троє", "трое"]],
      [4, ["четверо"]],
      [5, ["п'ятеро", "пятеро"]],
      [6, ["шестеро"]],
      [7, ["семеро"]],
      [8, ["восьмеро"]],
      [9, ["дев'ятеро", "девятеро"]],
      [10, ["десятеро"]],
    ] as const
  ).map(([value, forms]) => ({ value, kind: "unit" as const, forms: [...forms] })),
  { value: 200, kind: "hundred", forms: ["двісті", "двохсот", "двомстам", "двомастами", "двести", "двухсот"] },
  { value: 300, kind: "hundred", forms: ["триста", "трьохсот", "трехсот", "трёхсот"] },
  { value: 400, kind: "hundred", forms: ["чотириста", "чотирьохсот", "четыреста", "четырехсот", "четырёхсот"] },
  { value: 500, kind: "hundred", forms: ["п'ятсот", "п'ятисот", "пятьсот", "пятисот"] },
  { value: 600, kind: "hundred", forms: ["шістсот", "шестисот", "шестьсот"] },
  { value: 700, kind: "hundred", forms: ["сімсот", "семисот", "семьсот"] },
  { value: 800, kind: "hundred", forms: ["вісімсот", "восьмисот", "восемьсот"] },
  { value: 900, kind: "hundred", forms: ["дев'ятсот", "дев'ятисот", "девятьсот", "девятисот"] },
];

export const NUM_WORD = new Map<string, { value: number; kind: NumWordKind }>();
for (const d of NUM_WORDS) for (const f of d.forms) NUM_WORD.set(fold(f), { value: d.value, kind: d.kind });

/**
 * Numbers too small and too grammatical to be a figure on their own: "між двома країнами", "one of the
 * ministers". They still count inside a compound or before a scale word ("два мільйони", "twenty-one").
 */
export const WEAK_NUM_VALUES = new Set([1, 2]);


/** Scale words and abbreviations after a number ("5 млн", "1,5 мільярда", "two thousand"). */
const SCALES: Array<[number, string[]]> = [
  // "два десятки", "три сотні", "кілька десятків": counted tens and hundreds
  [10, ["десяток", "десятка", "десятки", "десятків", "десятков"]],
  [100, ["сотня", "сотні", "сотню", "сотень", "сотни", "сотен"]],
  [1e3, ["тис.", "тис", "тисяча", "тисячі", "тисяч", "тисячу", "тисячею", "тисячами", "тисячам", "тыс.", "тыс", "тысяча", "тысячи", "тысяч", "тысячу", "тысячами", "тысячам", "thousand", "thousands"]],
  [1e6, ["млн.", "млн", ...expand("мільйон", "|а|и|ів|у|ом|ами|ам"), ...expand("миллион", "|а|ы|ов|у|ом|ами|ам"), "million", "millions", "mln", "mn"]],
  [1e9, ["млрд.", "млрд", ...expand("мільярд", "|а|и|ів|у|ом|ами|ам"), ...expand("миллиард", "|а|ы|ов|у|ом|ами|ам"), "billion", "billions", "bln", "bn"]],
  [1e12, ["трлн.", "трлн", ...expand("трильйон", "|а|и|ів|у|ом|ами"), ...expand("триллион", "|а|ы|ов|у|ом|ами"), "trillion", "trillions"]],
];
export const SCALE_WORD = new Map<string, number>();
for (const [v, forms] of SCALES) for (const f of forms) SCALE_WORD.set(fold(f), v);
/** Scale letters written onto a money amount: "$5m", "€2bn", "$300k". Only after a currency sign. */
export const SCALE_SUFFIX = new Map<string, number>([
  ["k", 1e3],
  ["m", 1e6],
  ["mn", 1e6],
  ["bn", 1e9],
  ["b", 1e9],
  ["tn", 1e12],
]);

/**
 * Words for an unstated number of a given order ("десятки", "сотні", "dozens", "тисячі людей"): the
 * reader learns the order of magnitude only, so they are figures with value null and approx true.
 * "кілька/several" counts only before a scale word ("кілька тисяч"), where it says the order.
 */
export const VAGUE_WORDS = [
  ...expand("десятк", "и|ів|ами|ам"),
  ...expand("сот", "ні|ень|нями|ням"),
  ...expand("тисяч", "і|ами|ам"),
  ...expand("мільйон", "и|ів|ами"),
  ...expand("мільярд", "и|ів|ами"),
  ...expand("десятк", "ов"),
  ...expand("сот", "ни|ен|нями|ням"),
  ...expand("тысяч", "и|ами|ам"),
  ...expand("миллион", "ы|ов|ами"),
  ...expand("миллиард", "ы|ов|ами"),
  "dozens",
  "hundreds",
  "thousands",
  "millions",
  "billions",
  "tens",
];
/** "кілька", "декілька", "several", "a few": vague only when a scale word follows. */
export const FEW_WORDS = ["кілька", "кількох", "кільком", "кількома", "декілька", "декількох", "несколько", "нескольких", "нескольким", "несколькими", "several", "a few"];

/**
 * Approximators before a figure. "до"/"up to" give an upper bound, "понад"/"more than" a lower one; either
 * way the figure is not exact, which is all `approx` says.
 */
export const APPROX_BEFORE = [
  // uk
  "близько", "понад", "майже", "щонайменше", "до", "приблизно", "орієнтовно", "більш ніж", "більше ніж", "більш як",
  "більше", "менш ніж", "менше ніж", "менш як", "менше", "не менше ніж", "не менш ніж", "не менше", "не менш як",
  "не більше ніж", "не більше", "принаймні", "як мінімум", "як максимум", "майже до", "понад як", "сягає", "сягнула",
  "сягнув", "сягнуло", "сягнули", "в середньому", "у середньому", "мало не", "чи не",
  // ru
  "около", "более", "более чем", "почти", "свыше", "примерно", "приблизительно", "порядка", "не менее", "не более",
  "не менее чем", "не более чем", "менее", "менее чем", "больше", "больше чем", "меньше", "меньше чем", "не меньше",
  "как минимум", "минимум", "максимум", "по меньшей мере", "по крайней мере", "в среднем", "чуть более", "чуть менее",
  "чуть больше", "почти до",
  // en
  "about", "around", "approximately", "roughly", "nearly", "almost", "more than", "over", "less than", "fewer than",
  "up to", "at least", "at most", "some", "an estimated", "estimated", "close to", "under", "upwards of", "as many as",
  "as much as", "no fewer than", "no more than", "no less than", "just over", "just under", "well over", "nearly",
];

/** Currencies: written forms → ISO 4217. */
const CURRENCIES: Array<[string, string[]]> = [
  ["UAH", ["грн.", "грн", ...expand("гривн", "я|і|ю|ею|ям|ями|ях|а|ы|е|ой|ами"), "гривень", "гривен", "UAH", "hryvnia", "hryvnias", "hryvnas", "hryvnya"]],
  ["USD", ["дол.", "долл.", ...expand("долар", "|и|ів|а|ам|ами|ах"), ...expand("доллар", "|ы|ов|а|ам|ами|ах"), "USD", "dollar", "dollars", "US dollars", "dlrs", "dlr"]],
  ["EUR", ["євро", "евро", "EUR", "euro", "euros"]],
  ["RUB", ["руб.", "руб", ...expand("рубл", "ь|і|ів|я|ям|ями|ей|и|ях"), "RUB", "rouble", "roubles", "ruble", "rubles"]],
  ["GBP", [...expand("фунт", "|и|ів|а|ов|ы") .map((f) => f + " стерлінгів"), ...expand("фунт", "|ов|а|ы").map((f) => f + " стерлингов"), "GBP", "pounds sterling", "pounds", "pound"]],
  ["CNY", ["юанів", "юаней", "юанів", "юані", "юани", "юань", "CNY", "yuan"]],
  ["CHF", ["швейцарських франків", "швейцарских франков", "CHF", "Swiss francs"]],
  ["PLN", ["злотих", "злотих", "злотых", "PLN", "zlotys", "zloty"]],
  ["JPY", ["єн", "иен", "JPY", "yen"]],
];
export const CURRENCY_WORD = new Map<string, string>();
for (const [code, forms] of CURRENCIES) for (const f of forms) CURRENCY_WORD.set(fold(f), code);
/** Currency signs, before or after the amount. */
export const CURRENCY_SIGN = new Map<string, string>([
  ["$", "USD"],
  ["US$", "USD"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["₴", "UAH"],
  ["₽", "RUB"],
  ["¥", "JPY"],
]);
/** Case-sensitive currency forms (codes): "USD" is a currency, "usd" in running text is not. */
export const CURRENCY_CODES = new Set(["UAH", "USD", "EUR", "RUB", "GBP", "CNY", "CHF", "PLN", "JPY"]);

/** Percent: the sign and the words, all normalised to the unit "%". */
export const PERCENT_WORDS = [
  "%",
  ...expand("відс", "."),
  ...expand("відсот", "ок|ки|ків|ка|кам|ками|ках"),
  ...expand("процент", "|а|ы|ов|ам|ами|ах|и|ів"),
  ...expand("проц", "."),
  "percent",
  "per cent",
  "pct",
];

/** Months, in every case form a date uses (nominative, genitive, locative, instrumental). Index 1–12. */
const MONTHS: string[][] = [
  [...expand("січ", "ень|ня|ні|нем"), ...expand("январ", "ь|я|е|ем"), "January", "Jan."],
  [...expand("лют", "ий|ого|ому|им"), ...expand("феврал", "ь|я|е|ем"), "February", "Feb."],
  [...expand("берез", "ень|ня|ні|нем"), ...expand("март", "|а|е|ом"), "March", "Mar."],
  [...expand("квіт", "ень|ня|ні|нем"), ...expand("апрел", "ь|я|е|ем"), "April", "Apr."],
  [...expand("трав", "ень|ня|ні|нем"), "май", "мая", "мае", "маем", "May"],
  [...expand("черв", "ень|ня|ні|нем"), ...expand("июн", "ь|я|е|ем"), "June", "Jun."],
  [...expand("лип", "ень|ня|ні|нем"), ...expand("июл", "ь|я|е|ем"), "July", "Jul."],
  [...expand("серп", "ень|ня|ні|нем"), ...expand("август", "|а|е|ом"), "August", "Aug."],
  [...expand("верес", "ень|ня|ні|нем"), ...expand("сентябр", "ь|я|е|ем"), "September", "Sept.", "Sep."],
  [...expand("жовт", "ень|ня|ні|нем"), ...expand("октябр", "ь|я|е|ем"), "October", "Oct."],
  [...expand("листопад", "|а|і|ом"), ...expand("ноябр", "ь|я|е|ем"), "November", "Nov."],
  [...expand("груд", "ень|ня|ні|нем"), ...expand("декабр", "ь|я|е|ем"), "December", "Dec."],
];
export const MONTH_WORD = new Map<string, number>();
MONTHS.forEach((forms, i) => forms.forEach((f) => MONTH_WORD.set(fold(f), i + 1)));
export const MONTH_FORMS = MONTHS.flat();
/** The Cyrillic genitive forms only ("19 червня", "19 июня"): after a day number. */
export const MONTH_GEN_FORMS = MONTHS.flat().filter((f) => /(?:ня|ого|а|я)$/.test(f) && /[а-яіїєґ]/.test(f));
/** Month forms that follow "у/в" (locative) — "у червні", "в июне", "в марте". */
export const MONTH_LOC_FORMS = MONTHS.flat().filter((f) => /(?:ні|ому|і|е)$/.test(f) && /[а-яіїєґ]/.test(f));
/** English month names (full and abbreviated). */
export const MONTH_EN_FORMS = MONTHS.flat().filter((f) => /^[A-Z]/.test(f));

/** Weekdays (ISO number 1–7), in the forms used for "on Monday" / "у понеділок" / "в понедельник" and the genitive. */
const WEEKDAYS: string[][] = [
  ["понеділок", "понеділка", "понедельник", "понедельника", "Monday"],
  ["вівторок", "вівторка", "вторник", "вторника", "Tuesday"],
  ["середу", "середи", "середа", "среду", "среды", "среда", "Wednesday"],
  ["четвер", "четверга", "четверг", "Thursday"],
  ["п'ятницю", "п'ятниці", "п'ятниця", "пятницу", "пятницы", "пятница", "Friday"],
  ["суботу", "суботи", "субота", "субботу", "субботы", "суббота", "Saturday"],
  ["неділю", "неділі", "неділя", "воскресенье", "воскресенья", "Sunday"],
];
export const WEEKDAY_WORD = new Map<string, number>();
WEEKDAYS.forEach((forms, i) => forms.forEach((f) => WEEKDAY_WORD.set(fold(f), i + 1)));
export const WEEKDAY_FORMS = WEEKDAYS.flat();
