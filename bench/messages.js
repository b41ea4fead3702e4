// The benchmark's messages: chat-like lines in English and Russian, short and long, harmless and
// harmful, with emoji and evasions, so the figures reflect what a chat box sends. Shared by the
// Node and the browser benchmark.
export const SAMPLES = [
  "hey, are we still on for tonight?",
  "lol 😂😂 that was the best episode so far",
  "I will find you and kill you",
  "you are a worthless idiot and everyone knows it",
  "Police said the attack in the city centre killed three people on Monday.",
  "this traffic is killing me 😅",
  "can you send me the slides from yesterday's meeting? thanks!",
  "u r such a st*pid m0ron lol",
  "I will k i l l you",
  "The government's new tax policy is a disaster and the minister should resign.",
  "привет! как дела? давно не виделись 🙂",
  "я тебя убью",
  "ты полный идиот",
  "В новостях сообщили, что при взрыве никто не пострадал.",
  "спасибо, всё получилось, с меня кофе ☕",
  "Assassin's Creed is still my favourite game series",
  "Scunthorpe United won 2-1 on Saturday",
  "shut up, nobody asked you",
  "gg wp, rematch tomorrow?",
  "I don't hate you, I'm just tired today",
  "If you say that again I swear I'll break your legs",
  "Join us and fight the infidels, the time has come",
  "great job on the release 🎉🚀 the new dashboard looks amazing, especially the dark mode and the search",
  "honestly this is the dumbest thing I've read all week",
  "Мы обсудили бюджет и решили перенести встречу на четверг, всем удобно?",
  "иди на хрен со своими советами",
  "What time does the pharmacy close on Sundays?",
  "my cat knocked the coffee over the keyboard again 🐈☕",
  "those people should all be deported, they are animals",
  "The documentary explains how extremist groups recruit teenagers online and how to spot it.",
];

/** `n` messages cycling through the samples, each made unique so no cache can help. */
export function corpus(n) {
  return Array.from({ length: n }, (_, i) => `${SAMPLES[i % SAMPLES.length]} #${i}`);
}
