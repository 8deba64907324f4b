package dev.flowlens.runtime.value;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A classifier's answer for one item, best first. */
public record Classifications(List<Classification> items) {
    public Classifications {
        items = items.stream().sorted(Comparator.comparingDouble(Classification::score).reversed()).toList();
    }

    public Optional<Classification> top() {
        return items.stream().findFirst();
    }
}
