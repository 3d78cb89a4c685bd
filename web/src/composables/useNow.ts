import { onScopeDispose, shallowRef, type Ref } from 'vue';

// One ticking clock for every countdown on the page, running only while someone watches it.
const now = shallowRef(Date.now());
let watchers = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** The current time in ms, updated every second while any component uses it. */
export function useNow(): Readonly<Ref<number>> {
  watchers += 1;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => (now.value = Date.now()), 1000);
  }
  onScopeDispose(() => {
    watchers -= 1;
    if (watchers === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  });
  return now;
}
