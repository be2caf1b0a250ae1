/** The hall's voice: a two-tone chime (WebAudio) and the call spoken in Mandarin (speechSynthesis). */

let audio: AudioContext | null = null;

/** Unlocks audio after a user gesture (browsers keep it muted until then); false when the browser has no audio. */
export function enableSound(): boolean {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    // Some engines load their voices lazily: ask once so the first call is not silent.
    globalThis.speechSynthesis?.getVoices();
    return true;
  } catch {
    return false;
  }
}

/** Whether the browser lets the page play sound now. */
export function soundReady(): boolean {
  return !!audio && audio.state === "running";
}

/** 叮咚: two soft sine tones. */
export function chime(): Promise<void> {
  if (!audio || audio.state !== "running") return Promise.resolve();
  const ctx = audio;
  const tone = (freq: number, start: number, length: number) => {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime + start);
    gain.gain.exponentialRampToValueAtTime(0.35, ctx.currentTime + start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + start + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(ctx.currentTime + start);
    osc.stop(ctx.currentTime + start + length);
  };
  tone(880, 0, 0.6);
  tone(660, 0.45, 0.9);
  return new Promise((resolve) => setTimeout(resolve, 1300));
}

/** The words announced for a call: "请 A012 号到 3 号窗口", letters spelled one by one so they are read as letters. */
export function callText(number: string, windowLabel: string): string {
  const spaced = number.replace(/([A-Z])/g, "$1 ").replace(/\s+/g, " ").trim();
  return `请 ${spaced} 号到 ${windowLabel} 号窗口`;
}

/** Speaks the call in Mandarin, twice (the city's windows call twice). */
export function speakCall(number: string, windowLabel: string): void {
  const synth = globalThis.speechSynthesis;
  if (!synth) return;
  const voice = synth.getVoices().find((v) => v.lang.replace("_", "-").toLowerCase().startsWith("zh-cn")) ?? synth.getVoices().find((v) => v.lang.toLowerCase().startsWith("zh"));
  for (let i = 0; i < 2; i++) {
    const u = new SpeechSynthesisUtterance(callText(number, windowLabel));
    u.lang = "zh-CN";
    u.rate = 0.9;
    if (voice) u.voice = voice;
    synth.speak(u);
  }
}

let queue: Promise<void> = Promise.resolve();

/** Chime, then the spoken call; calls arriving together are announced one after another. */
export function announce(number: string, windowLabel: string): void {
  queue = queue.then(() => chime()).then(() => speakCall(number, windowLabel));
}
