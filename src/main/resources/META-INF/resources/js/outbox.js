// What the patient reported but the service has not confirmed yet, kept in IndexedDB so it survives reloads,
// restarts and a flat battery. Each item carries the client id it will be sent with; the service stores a
// report once per id, so sending an item again (a retry, a second tab, a lost answer) never stores it twice.

const DB = 'infusion-outcomes-patient';
const STORE = 'outbox';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, work) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** @param item {id, patientId, kind: 'check-in' | 'questionnaire', body, savedAt, rejected?} */
export function keep(item) {
  return run('readwrite', (store) => store.put(item));
}

export function remove(id) {
  return run('readwrite', (store) => store.delete(id));
}

export async function items(patientId) {
  const all = await run('readonly', (store) => store.getAll());
  return all.filter((item) => item.patientId === patientId).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}
