// A line-for-line copy of the algorithm in CPython's heapq (heappush, heappop, heapify).
//
// asyncio keeps its timers in a heapq ordered by deadline only. Timers with equal deadlines come
// out in an order that depends on the heap's shape, not on insertion order; to fire them in the
// same order as CPython we must build and sift the heap exactly as heapq does.
#pragma once

#include <cstddef>
#include <vector>

#include "loopscope/detail/prefetch.hpp"

namespace loopscope::detail {

template <class T, class Less>
void heapq_siftdown(std::vector<T>& heap, std::size_t startpos, std::size_t pos, Less less) {
    T newitem = heap[pos];
    while (pos > startpos) {
        std::size_t parentpos = (pos - 1) >> 1;
        if (less(newitem, heap[parentpos])) {
            heap[pos] = heap[parentpos];
            pos = parentpos;
            continue;
        }
        break;
    }
    heap[pos] = newitem;
}

template <class T, class Less>
void heapq_siftup(std::vector<T>& heap, std::size_t pos, Less less) {
    std::size_t endpos = heap.size(), startpos = pos;
    T newitem = heap[pos];
    std::size_t childpos = 2 * pos + 1;
    while (childpos < endpos) {
        // The walk goes down to a leaf, one level per step, and each level's load depends on the
        // comparison before it: a big heap's lower levels are not in the cache, so fetch the
        // descendants three levels down (eight neighbours) while the levels between are compared.
        if (std::size_t below = 8 * pos + 7; below < endpos) prefetch(heap.data() + below, 8 * sizeof(T));
        std::size_t rightpos = childpos + 1;
        if (rightpos < endpos && !less(heap[childpos], heap[rightpos])) childpos = rightpos;
        heap[pos] = heap[childpos];
        pos = childpos;
        childpos = 2 * pos + 1;
    }
    heap[pos] = newitem;
    heapq_siftdown(heap, startpos, pos, less);
}

template <class T, class Less>
void heapq_push(std::vector<T>& heap, T item, Less less) {
    heap.push_back(item);
    heapq_siftdown(heap, 0, heap.size() - 1, less);
}

template <class T, class Less>
T heapq_pop(std::vector<T>& heap, Less less) {
    T last = heap.back();
    heap.pop_back();
    if (heap.empty()) return last;
    T top = heap[0];
    heap[0] = last;
    heapq_siftup(heap, 0, less);
    return top;
}

template <class T, class Less>
void heapq_heapify(std::vector<T>& heap, Less less) {
    for (std::size_t i = heap.size() / 2; i-- > 0;) heapq_siftup(heap, i, less);
}

}  // namespace loopscope::detail
