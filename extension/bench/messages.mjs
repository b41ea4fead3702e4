// Chat lines for the benchmark, English and Russian, about one in eight harmful, every one
// unique (a counter and a rotating name go in), so that no cache makes the figures look better
// than a real chat would.
const NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Katya", "Luis", "Marta", "Nikolai", "Olu", "Petra"];

const BENIGN = [
  (n, i) => `${n}, did you push the fix for ticket ${i}? the build is green on my side`,
  (n, i) => `lunch at 12:${String(i % 60).padStart(2, "0")}? the new ramen place is open again 🍜`,
  (n) => `this traffic is killing me, running ten minutes late, sorry ${n}`,
  (n, i) => `The council said the flooding closed ${i % 40} roads overnight; buses are rerouted.`,
  (n) => `gg ${n}, that last round was close. rematch tomorrow?`,
  (n, i) => `Has anyone tried version ${i % 9}.${i % 13} of the library? the changelog mentions a faster parser`,
  (n, i) => `${n} привет! созвонимся в ${10 + (i % 9)}:00? скину ссылку на документ`,
  (n, i) => `Спасибо за помощь, ${n}, всё заработало с ${i % 7 + 2}-й попытки 🙂`,
  (n, i) => `Police say the suspect in case ${i} was arrested after the attack on the warehouse.`,
  (n) => `I love Assassin's Creed, ${n}, but the new one runs badly on my laptop`,
  (n, i) => `Погода на выходных: до ${i % 25} градусов, без дождя. Едем за город?`,
  (n, i) => `honestly ${n} the minister's plan is a disaster and ${i % 90 + 10}% of us said so in the poll`,
  (n, i) => `can someone review PR #${i}? it only touches the docs`,
  (n) => `${n} shared a photo: sunset over the bay, absolutely stunning tonight`,
];

const HARMFUL = [
  (n) => `${n}, I will find you and kill you`,
  (n, i) => `you are a worthless idiot ${n}, everyone in room ${i % 50} knows it`,
  (n) => `${n} ты полный идиот`,
  (n) => `я тебя найду и убью, ${n}`,
  (n) => `go back to your country ${n}, you dirty immigrant`,
];

/** Message `i` of the benchmark's endless chat: `{ who, text }`. */
export function message(i) {
  const who = NAMES[i % NAMES.length];
  const other = NAMES[(i * 7 + 3) % NAMES.length];
  // Every eighth message is harmful, the rest cycle through the harmless ones.
  const text = i % 8 === 5 ? HARMFUL[(i >> 3) % HARMFUL.length](other, i) : BENIGN[i % BENIGN.length](other, i);
  return { who, text: `${text} (${i})` };
}

export function messages(start, count) {
  return Array.from({ length: count }, (_, k) => message(start + k));
}
