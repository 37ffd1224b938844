// The Promise constructor's static methods: Promise::resolve / reject / all / allSettled / race / any.
//
// As in the spec, each combinator registers one reaction on every input promise (Promise.resolve of
// a promise is the promise itself), and settles its result inside the reaction that decides it: so
// Promise.all of settled promises fulfills 1 tick later and its then() runs a tick after that.
#pragma once

#include <memory>
#include <tuple>
#include <utility>
#include <vector>

#include "loopscope/js/promise.hpp"

namespace loopscope::js {

struct Promise {
    // Promise.resolve(promise) is that promise; Promise.resolve(v) a promise fulfilled with v.
    template <class T>
    static promise<T> resolve(promise<T> p) {
        return p;
    }
    template <class V>
        requires(!detail::is_promise<std::decay_t<V>>::value)
    static promise<std::decay_t<V>> resolve(V&& v) {
        return detail::fulfilled_promise<std::decay_t<V>>(std::forward<V>(v));
    }
    static promise<void> resolve() { return detail::fulfilled_promise<void>(undefined); }

    // Promise.reject(reason): Promise.reject<int>(js::error("boom")).
    template <class T = void, class E>
    static promise<T> reject(const E& reason) {
        state_ref<T> s(new promise_state<T>(node_loop::current(), "Promise.reject"));
        if constexpr (std::is_same_v<E, std::exception_ptr>) s->reject(reason);
        else s->reject(std::make_exception_ptr(reason));
        return promise<T>(s);
    }

    // Promise.all([...]): every value in order, or the first rejection.
    template <class T>
    static promise<std::vector<value_of<T>>> all(const std::vector<promise<T>>& items) {
        using V = value_of<T>;
        state_ref<std::vector<V>> result(new promise_state<std::vector<V>>(node_loop::current(), "Promise.all"));
        result->awaited_as = await_kind::gather;
        struct progress {
            std::vector<std::optional<V>> values;
            std::size_t remaining = 1;  // the spec's extra 1, dropped after the loop
        };
        auto st = std::make_shared<progress>();
        st->values.resize(items.size());
        auto finish = [result, st] {
            std::vector<V> out;
            out.reserve(st->values.size());
            for (auto& v : st->values) out.push_back(std::move(*v));
            result->fulfill(std::move(out));
        };
        const string_id label = result->loop().intern("Promise.all: an element settled");
        for (std::size_t i = 0; i < items.size(); ++i) {
            ++st->remaining;
            items[i].state()->add_reaction({[result, st, i, finish](promise_core& src) {
                                                auto& s = static_cast<promise_state<T>&>(src);
                                                if (s.rejected()) return result->reject(s.reason());
                                                st->values[i] = s.value();
                                                if (--st->remaining == 0) finish();
                                            },
                                            label, 0});
        }
        if (--st->remaining == 0) finish();
        return promise<std::vector<V>>(result);
    }
    // Promise.all([a, b, ...]) listed (of any types): a tuple, printed as an array.
    template <class... T>
        requires(sizeof...(T) > 0)
    static promise<std::tuple<value_of<T>...>> all(const promise<T>&... items) {
        using tuple_t = std::tuple<value_of<T>...>;
        state_ref<tuple_t> result(new promise_state<tuple_t>(node_loop::current(), "Promise.all"));
        result->awaited_as = await_kind::gather;
        struct progress {
            std::tuple<std::optional<value_of<T>>...> values;
            std::size_t remaining = sizeof...(T);
        };
        auto st = std::make_shared<progress>();
        const string_id label = result->loop().intern("Promise.all: an element settled");
        auto watch = [&]<std::size_t I, class U>(const promise<U>& p) {
            p.state()->add_reaction({[result, st](promise_core& src) {
                                         auto& s = static_cast<promise_state<U>&>(src);
                                         if (s.rejected()) return result->reject(s.reason());
                                         std::get<I>(st->values) = s.value();
                                         if (--st->remaining == 0)
                                             result->fulfill(std::apply(
                                                 [](auto&... v) { return tuple_t(std::move(*v)...); }, st->values));
                                     },
                                     label, 0});
        };
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (watch.template operator()<I>(items), ...);
        }(std::index_sequence_for<T...>{});
        return promise<tuple_t>(result);
    }

    // Promise.allSettled([...]): never rejects; one { status, value | reason } per input.
    template <class T>
    static promise<std::vector<settled<T>>> allSettled(const std::vector<promise<T>>& items) {
        state_ref<std::vector<settled<T>>> result(
            new promise_state<std::vector<settled<T>>>(node_loop::current(), "Promise.allSettled"));
        result->awaited_as = await_kind::gather;
        struct progress {
            std::vector<settled<T>> values;
            std::size_t remaining = 1;
        };
        auto st = std::make_shared<progress>();
        st->values.resize(items.size());
        const string_id label = result->loop().intern("Promise.allSettled: an element settled");
        for (std::size_t i = 0; i < items.size(); ++i) {
            ++st->remaining;
            items[i].state()->add_reaction({[result, st, i](promise_core& src) {
                                                auto& s = static_cast<promise_state<T>&>(src);
                                                if (s.fulfilled()) st->values[i] = {"fulfilled", s.value(), nullptr};
                                                else st->values[i] = {"rejected", std::nullopt, s.reason()};
                                                if (--st->remaining == 0) result->fulfill(std::move(st->values));
                                            },
                                            label, 0});
        }
        if (--st->remaining == 0) result->fulfill({});
        return promise<std::vector<settled<T>>>(result);
    }

    // Promise.race([...]): settles as the first input to settle.
    template <class T>
    static promise<T> race(const std::vector<promise<T>>& items) {
        state_ref<T> result(new promise_state<T>(node_loop::current(), "Promise.race"));
        result->awaited_as = await_kind::gather;
        const string_id label = result->loop().intern("Promise.race: an element settled");
        for (const auto& item : items)
            item.state()->add_reaction({[result](promise_core& src) {
                                            auto& s = static_cast<promise_state<T>&>(src);
                                            if (s.fulfilled()) result->fulfill(s.value());  // no-op once settled
                                            else result->reject(s.reason());
                                        },
                                        label, 0});
        return promise<T>(result);
    }

    // The same with the promises listed: Promise::race(a, b). (GCC 12 cannot compile a braced
    // list such as std::vector{a, b} inside a co_await expression; these need none.)
    template <class T, class... R>
        requires(std::is_same_v<promise<T>, R> && ...)
    static promise<T> race(const promise<T>& first, const R&... rest) {
        return race(std::vector<promise<T>>{first, rest...});
    }
    template <class T, class... R>
        requires(std::is_same_v<promise<T>, R> && ...)
    static promise<std::vector<settled<T>>> allSettled(const promise<T>& first, const R&... rest) {
        return allSettled(std::vector<promise<T>>{first, rest...});
    }
    template <class T, class... R>
        requires(std::is_same_v<promise<T>, R> && ...)
    static promise<T> any(const promise<T>& first, const R&... rest) {
        return any(std::vector<promise<T>>{first, rest...});
    }

    // Promise.any([...]): the first fulfillment, or AggregateError when every input rejects.
    template <class T>
    static promise<T> any(const std::vector<promise<T>>& items) {
        state_ref<T> result(new promise_state<T>(node_loop::current(), "Promise.any"));
        result->awaited_as = await_kind::gather;
        auto remaining = std::make_shared<std::size_t>(items.size() + 1);
        auto all_rejected = [result] {
            result->reject(std::make_exception_ptr(aggregate_error("All promises were rejected")));
        };
        const string_id label = result->loop().intern("Promise.any: an element settled");
        for (const auto& item : items)
            item.state()->add_reaction({[result, remaining, all_rejected](promise_core& src) {
                                            auto& s = static_cast<promise_state<T>&>(src);
                                            if (s.fulfilled()) return result->fulfill(s.value());
                                            if (--*remaining == 0) all_rejected();
                                        },
                                        label, 0});
        if (--*remaining == 0) all_rejected();
        return promise<T>(result);
    }
};

}  // namespace loopscope::js
