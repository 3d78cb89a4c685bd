import { useMutation, useQuery } from '@urql/vue';
import { computed, ref } from 'vue';
import { AddPushDocumentMutation, PushDocumentsQuery, WithdrawPushDocumentMutation } from '../graphql/push-documents';
import { useRefusal } from './useRefusal';

/** Reads a picked file as base64, the way GraphQL carries it. */
export function readBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(f);
  });
}

/**
 * The library of approved documents: agents pick from it while pushing (loaded only while
 * `needed`), supervisors add and withdraw documents.
 */
export function usePushDocuments(needed: () => boolean = () => true) {
  const query = useQuery({ query: PushDocumentsQuery, pause: () => !needed(), requestPolicy: 'cache-and-network' });
  const outcome = useRefusal();
  const addM = useMutation(AddPushDocumentMutation);
  const withdrawM = useMutation(WithdrawPushDocumentMutation);
  const busy = ref(false);
  const refresh = () => query.executeQuery({ requestPolicy: 'network-only' });

  async function add(doc: { title: string; description: string | null; file: File }) {
    busy.value = true;
    try {
      const input = { title: doc.title, description: doc.description, contentType: doc.file.type || 'application/octet-stream', dataBase64: await readBase64(doc.file) };
      const result = outcome(await addM.executeMutation({ input }), 'addPushDocument', 'PushDocumentPayload');
      if (result.ok) refresh();
      return result;
    } finally {
      busy.value = false;
    }
  }

  async function withdraw(id: string) {
    busy.value = true;
    try {
      const result = outcome(await withdrawM.executeMutation({ id }), 'withdrawPushDocument', 'PushDocumentPayload');
      if (result.ok) refresh();
      return result;
    } finally {
      busy.value = false;
    }
  }

  return { documents: computed(() => query.data.value?.pushDocuments ?? []), busy, add, withdraw };
}
