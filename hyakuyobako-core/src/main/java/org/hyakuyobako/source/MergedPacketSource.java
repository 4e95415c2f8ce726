package org.hyakuyobako.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the packets of many capture files (several per sensor, several sensors) into one stream
 * ordered by packet time: a k-way merge over a binary min-heap of readers, each holding only its
 * current packet, so memory is bounded by the number of files and not by their size.
 *
 * <p>Ties are broken by file order, so the output is deterministic. A file whose own packets are
 * out of order is passed through as it is (the merge does not sort within a file).
 *
 * <p>No peer tool does this merge; it is what lets synchronized activity be seen across sensors.
 */
public final class MergedPacketSource implements AutoCloseable {
    private final InputDiagnostics diagnostics;
    private final List<CaptureInput> opened = new ArrayList<>();
    private PacketReader[] readers;
    private PacketRecord[] heads;
    /** Heap of indices into readers/heads, ordered by (timestamp, fileId). */
    private int[] heap;
    private int size;
    private int lastPopped = -1;
    private final long totalBytesOnDisk;

    /**
     * Opens every input; files that are not usable captures are reported and left out.
     */
    public MergedPacketSource(List<CaptureInput> inputs, InputDiagnostics diagnostics) {
        this.diagnostics = diagnostics;
        List<PacketReader> ok = new ArrayList<>();
        long total = 0;
        for (CaptureInput input : inputs) {
            PacketReader reader = CaptureOpener.open(input, diagnostics);
            if (reader != null) {
                ok.add(reader);
                opened.add(input);
                total += reader.sizeOnDisk();
            }
        }
        totalBytesOnDisk = total;
        readers = ok.toArray(new PacketReader[0]);
        heads = new PacketRecord[readers.length];
        heap = new int[readers.length];
        for (int i = 0; i < readers.length; i++) {
            heads[i] = new PacketRecord();
            if (advance(i)) {
                heap[size++] = i;
                siftUp(size - 1);
            }
        }
    }

    /** The inputs that could be opened as captures. */
    public List<CaptureInput> openedInputs() {
        return opened;
    }

    /** Total on-disk size of the opened inputs. */
    public long totalBytesOnDisk() {
        return totalBytesOnDisk;
    }

    /** Bytes of the opened inputs read so far (approximate; for progress). */
    public long bytesOnDiskRead() {
        long sum = 0;
        for (PacketReader r : readers) {
            sum += Math.min(r.positionOnDisk(), r.sizeOnDisk());
        }
        return sum;
    }

    /**
     * Returns the next packet in time order, or null at the end of all inputs. The record stays
     * valid until the next call.
     */
    public PacketRecord next() {
        if (lastPopped >= 0) {
            int i = lastPopped;
            lastPopped = -1;
            if (advance(i)) {
                heap[size++] = i;
                siftUp(size - 1);
            }
        }
        if (size == 0) {
            return null;
        }
        int top = heap[0];
        heap[0] = heap[--size];
        if (size > 0) {
            siftDown(0);
        }
        lastPopped = top;
        return heads[top];
    }

    private boolean advance(int i) {
        try {
            return readers[i].next(heads[i]);
        } catch (IOException | RuntimeException e) {
            diagnostics.report(SkipReason.UNREADABLE, opened.get(i).displayName(), heads[i].fileOffset,
                    "read failed, rest of the file skipped: " + CaptureOpener.describe(e));
            return false;
        }
    }

    private boolean less(int a, int b) {
        long ta = heads[a].timestampNanos;
        long tb = heads[b].timestampNanos;
        return ta < tb || (ta == tb && heads[a].fileId < heads[b].fileId);
    }

    private void siftUp(int k) {
        int x = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!less(x, heap[parent])) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = x;
    }

    private void siftDown(int k) {
        int x = heap[k];
        int half = size >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            if (right < size && less(heap[right], heap[child])) {
                child = right;
            }
            if (!less(heap[child], x)) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        heap[k] = x;
    }

    @Override
    public void close() {
        for (PacketReader r : readers) {
            try {
                r.close();
            } catch (IOException e) {
                // Closing a read-only file cannot lose data; nothing to report.
            }
        }
    }
}
