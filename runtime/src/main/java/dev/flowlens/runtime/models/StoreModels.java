package dev.flowlens.runtime.models;

import dev.flowlens.runtime.api.Models;
import java.nio.file.Path;
import java.util.List;

/** The {@link Models} facade over a {@link ModelStore}, for the app. */
public final class StoreModels implements Models {
    private final ModelStore store;

    private StoreModels(ModelStore store) {
        this.store = store;
    }

    public static StoreModels in(Path dataFolder) {
        return new StoreModels(ModelStore.in(dataFolder));
    }

    @Override
    public Path folder() {
        return store.folder();
    }

    @Override
    public List<Model> installed() {
        try {
            return store.list().stream().map(StoreModels::view).toList();
        } catch (ModelStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> verify(String name) {
        try {
            return store.verify(name);
        } catch (ModelStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<Bundled> catalogue() {
        List<String> installed = installed().stream().map(Model::name).toList();
        return BundledCatalogue.entries().stream().map(e -> new Bundled(e.name(), e.task(), e.engine(), e.description(),
                e.sourceText(), installed.contains(e.name()))).toList();
    }

    @Override
    public Model installBundled(String name) {
        try {
            return view(store.installBundled(name));
        } catch (ModelStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Model view(InstalledModel m) {
        return new Model(m.name(), m.manifest().task(), m.manifest().engine(),
                m.manifest().files().stream().mapToLong(ModelFile::size).sum(), m.manifest().source(),
                m.manifest().licence(), m.folder());
    }
}
