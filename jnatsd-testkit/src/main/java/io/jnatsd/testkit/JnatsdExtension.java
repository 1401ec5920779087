package io.jnatsd.testkit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

/**
 * The JUnit 5 extension behind {@link JnatsdTest}. It keeps no state of its own: every server,
 * cluster and connection lives in the extension store of the scope it belongs to (class, test
 * or method invocation) and is closed with that scope.
 */
public final class JnatsdExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(JnatsdExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        injectFields(context.getRequiredTestClass(), null, context);
        if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS) {
            injectFields(context.getRequiredTestClass(), context.getRequiredTestInstance(), context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            injectFields(instance.getClass(), instance, context);
        }
    }

    /** Static fields when {@code instance} is null, else that instance's fields still unset. */
    private void injectFields(Class<?> type, Object instance, ExtensionContext context) throws Exception {
        for (Field field : annotatedFields(type)) {
            if (ModifierSupport.isStatic(field) != (instance == null)) {
                continue;
            }
            field.setAccessible(true);
            if (field.get(instance) == null) {
                Object handle = start(field, field.getType(), field.toString(), context);
                field.set(instance, handle);
            }
        }
    }

    private static List<Field> annotatedFields(Class<?> type) {
        List<Field> fields = new ArrayList<>(AnnotationSupport.findAnnotatedFields(type, NatsServer.class,
                field -> true, HierarchyTraversalMode.TOP_DOWN));
        fields.addAll(AnnotationSupport.findAnnotatedFields(type, NatsCluster.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN));
        fields.addAll(AnnotationSupport.findAnnotatedFields(type, NatsSupercluster.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN));
        fields.addAll(AnnotationSupport.findAnnotatedFields(type, NatsLeafNodes.class, field -> true,
                HierarchyTraversalMode.TOP_DOWN));
        return fields;
    }

    private Object start(AnnotatedElement element, Class<?> type, String where, ExtensionContext context)
            throws InterruptedException {
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        NatsServer server = element.getAnnotation(NatsServer.class);
        NatsCluster cluster = element.getAnnotation(NatsCluster.class);
        NatsSupercluster supercluster = element.getAnnotation(NatsSupercluster.class);
        NatsLeafNodes leafNodes = element.getAnnotation(NatsLeafNodes.class);
        if ((server != null ? 1 : 0) + (cluster != null ? 1 : 0) + (supercluster != null ? 1 : 0)
                + (leafNodes != null ? 1 : 0) > 1) {
            throw new ExtensionConfigurationException(where + " has more than one of @NatsServer, @NatsCluster,"
                    + " @NatsSupercluster and @NatsLeafNodes");
        }
        if (leafNodes != null) {
            requireType(type, NatsTestLeafNodes.class, where);
            NatsTestLeafNodes handle = leafNodes(leafNodes, loader, where);
            context.getStore(NAMESPACE).put(handle, new StoredResource(handle, handle));
            return handle;
        }
        if (supercluster != null) {
            requireType(type, NatsTestSupercluster.class, where);
            NatsTestSupercluster handle = NatsTestSupercluster.builder()
                    .clusters(supercluster.clusters())
                    .clusterSize(supercluster.clusterSize())
                    .faultInjection(supercluster.faultInjection())
                    .configure((member, builder) -> ConfigSource.apply(supercluster.config(), loader, builder))
                    .start();
            context.getStore(NAMESPACE).put(handle, new StoredResource(handle, handle));
            return handle;
        }
        if (server != null) {
            requireType(type, NatsTestServer.class, where);
            NatsTestServer handle = NatsTestServer.start(builder -> {
                ConfigSource.apply(server.config(), loader, builder);
                if (server.monitoring()) {
                    builder.monitorPort(-1);
                }
            });
            context.getStore(NAMESPACE).put(handle, new StoredResource(handle, handle));
            return handle;
        }
        requireType(type, NatsTestCluster.class, where);
        NatsTestCluster handle = NatsTestCluster.builder()
                .size(cluster.size())
                .faultInjection(cluster.faultInjection())
                .topology(cluster.topology())
                .configure((index, builder) -> ConfigSource.apply(cluster.config(), loader, builder))
                .start();
        context.getStore(NAMESPACE).put(handle, new StoredResource(handle, handle));
        return handle;
    }

    private static NatsTestLeafNodes leafNodes(NatsLeafNodes annotation, ClassLoader loader, String where)
            throws InterruptedException {
        NatsTestLeafNodes.Builder builder = NatsTestLeafNodes.builder()
                .leafs(annotation.leafs())
                .faultInjection(annotation.faultInjection())
                .configureHub(hub -> ConfigSource.apply(annotation.hubConfig(), loader, hub))
                .configureLeaf((name, leaf) -> ConfigSource.apply(annotation.leafConfig(), loader, leaf));
        if (!annotation.credentials().isEmpty()) {
            int colon = annotation.credentials().indexOf(':');
            if (colon < 0) {
                throw new ExtensionConfigurationException(where + ": credentials must read user:password");
            }
            builder.credentials(annotation.credentials().substring(0, colon), annotation.credentials().substring(colon + 1));
        }
        if (!annotation.localAccount().isEmpty()) {
            builder.localAccount(annotation.localAccount());
        }
        return builder.start();
    }

    private static void requireType(Class<?> actual, Class<?> expected, String where) {
        if (actual != expected) {
            throw new ExtensionConfigurationException(where + " must be of type " + expected.getSimpleName());
        }
    }

    // ---- parameters ----------------------------------------------------------------------------

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return annotated(parameter.getParameter())
                || parameter.getParameter().getType().getName().equals(JnatsConnections.CONNECTION_TYPE);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            if (annotated(parameter.getParameter())) {
                return handleFor(parameter.getParameter(), parameter.getIndex(), context);
            }
            Object target = connectionTarget(parameter, context);
            AutoCloseable connection = JnatsConnections.connect(urlsOf(target), target instanceof NatsTestServer);
            context.getStore(NAMESPACE).put(connection, new StoredResource(connection, connection));
            return connection;
        } catch (ParameterResolutionException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParameterResolutionException("interrupted while starting for " + parameter.getParameter(), e);
        } catch (Exception e) {
            throw new ParameterResolutionException("cannot provide " + parameter.getParameter() + ": " + e.getMessage(), e);
        }
    }

    /** The handle of an annotated parameter, started once per invocation and kept for siblings. */
    private Object handleFor(Parameter parameter, int index, ExtensionContext context) throws InterruptedException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        List<Object> key = List.of("parameter", parameter.getDeclaringExecutable(), index);
        StoredResource stored = store.get(key, StoredResource.class);
        if (stored == null) {
            Object handle = start(parameter, parameter.getType(), parameter.toString(), context);
            stored = new StoredResource(handle, () -> { });
            store.put(key, stored);
        }
        return stored.value(Object.class);
    }

    /**
     * The server or cluster a connection parameter connects to: the one annotated parameter of
     * the same method, else the one annotated field of the test.
     */
    private Object connectionTarget(ParameterContext parameter, ExtensionContext context) throws Exception {
        List<Object> candidates = new ArrayList<>();
        Parameter[] siblings = parameter.getDeclaringExecutable().getParameters();
        for (int i = 0; i < siblings.length; i++) {
            if (annotated(siblings[i])) {
                candidates.add(handleFor(siblings[i], i, context));
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(fieldHandles(context));
        }
        if (candidates.size() != 1) {
            throw new ParameterResolutionException("a Connection parameter needs exactly one @NatsServer or @NatsCluster"
                    + " parameter or field to connect to, found " + candidates.size());
        }
        return candidates.get(0);
    }

    private static List<Object> fieldHandles(ExtensionContext context) throws IllegalAccessException {
        List<Object> handles = new ArrayList<>();
        List<Object> instances = context.getTestInstances().map(all -> (List<Object>) new ArrayList<>(all.getAllInstances()))
                .orElse(new ArrayList<>());
        for (Field field : annotatedFields(context.getRequiredTestClass())) {
            field.setAccessible(true);
            Object owner = ModifierSupport.isStatic(field) ? null : instanceOf(field, instances);
            Object value = ModifierSupport.isStatic(field) || owner != null ? field.get(owner) : null;
            if (value != null) {
                handles.add(value);
            }
        }
        return handles;
    }

    private static Object instanceOf(Field field, List<Object> instances) {
        for (Object instance : instances) {
            if (field.getDeclaringClass().isInstance(instance)) {
                return instance;
            }
        }
        return null;
    }

    private static boolean annotated(AnnotatedElement element) {
        return element.isAnnotationPresent(NatsServer.class) || element.isAnnotationPresent(NatsCluster.class)
                || element.isAnnotationPresent(NatsSupercluster.class) || element.isAnnotationPresent(NatsLeafNodes.class);
    }

    private static List<String> urlsOf(Object target) {
        if (target instanceof NatsTestLeafNodes) {
            throw new ParameterResolutionException("a Connection parameter cannot pick the hub or a leaf:"
                    + " use NatsTestLeafNodes.connectHub or connectLeaf");
        }
        if (target instanceof NatsTestSupercluster) {
            throw new ParameterResolutionException("a Connection parameter cannot pick a cluster of a supercluster:"
                    + " use NatsTestSupercluster.connect(cluster)");
        }
        return target instanceof NatsTestServer server ? server.connectUrls() : ((NatsTestCluster) target).urls();
    }
}
