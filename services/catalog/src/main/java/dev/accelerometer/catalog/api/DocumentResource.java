package dev.accelerometer.catalog.api;

import dev.accelerometer.common.api.Created;
import dev.accelerometer.common.api.PageOf;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.accelerometer.common.openapi.Descriptions;
import dev.accelerometer.catalog.auth.Caller;
import dev.accelerometer.catalog.auth.RequiresApiKey;
import dev.accelerometer.catalog.domain.CatalogDocument;
import dev.accelerometer.catalog.domain.Collection;
import dev.accelerometer.catalog.domain.Slug;
import dev.accelerometer.common.problem.ApiException;
import dev.accelerometer.catalog.store.CatalogEntry;
import dev.accelerometer.catalog.store.CatalogService;
import dev.accelerometer.catalog.store.DocumentStore;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * CRUD over one collection of catalog documents: list (filters, sort, pages), get by slug (ETag), create, replace
 * (If-Match), delete (soft, restorable), history. Concrete resources fix the path and the document type.
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class DocumentResource<T extends CatalogDocument> {
    @Inject
    DocumentStore store;
    @Inject
    CatalogService catalog;
    @Inject
    Caller caller;

    protected abstract Collection collection();

    @GET
    public PageOf<T> list(@Context UriInfo uri,
            @Parameter(description = Descriptions.PAGE) @QueryParam("page") @DefaultValue("1") @Min(1) int page,
            @Parameter(description = Descriptions.PAGE_SIZE) @QueryParam("pageSize") @DefaultValue("50") @Min(1) @Max(500) int pageSize) {
        DocumentStore.Page result = store.list(collection(), uri.getQueryParameters(), page, pageSize);
        List<T> items = result.entries().stream().map(this::present).toList();
        return new PageOf<>(items, page, pageSize, result.totalItems(), (result.totalItems() + pageSize - 1) / pageSize);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context Request request) {
        CatalogEntry entry = store.live(collection(), checkedId(id));
        EntityTag tag = etag(entry);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(present(entry)).tag(tag).build();
    }

    @POST
    @RequiresApiKey
    public Response create(T body, @Context UriInfo uri) {
        requireBody(body);
        catalog.validate(collection(), body);
        CatalogEntry entry = store.create(collection(), body, caller.name());
        return Created.at(uri, entry.slug).tag(etag(entry)).entity(present(entry)).build();
    }

    @PUT
    @Path("{id}")
    @RequiresApiKey
    public Response replace(@PathParam("id") String id, T body, @HeaderParam("If-Match") String ifMatch) {
        checkedId(id);
        requireBody(body);
        if (!id.equals(body.id())) {
            throw ApiException.invalidField("id", "is '" + body.id() + "' but the path names '" + id + "'; ids cannot be changed by PUT");
        }
        long expected = requiredRevision(ifMatch);
        catalog.validate(collection(), body);
        CatalogEntry entry = store.replace(collection(), id, body, expected, caller.name());
        return Response.ok(present(entry)).tag(etag(entry)).build();
    }

    @DELETE
    @Path("{id}")
    @RequiresApiKey
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        checkedId(id);
        long expected = requiredRevision(ifMatch);
        catalog.requireUnreferenced(collection(), id);
        store.delete(collection(), id, expected, caller.name());
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/restore")
    @RequiresApiKey
    public Response restore(@PathParam("id") String id) {
        // A deleted document comes back only if it is still valid: a system whose accelerator or link was deleted meanwhile would
        // dangle, and the catalog's own export would no longer import (found by fuzzing, 2026-12-03).
        store.find(collection(), checkedId(id)).filter(e -> e.deletedAt != null)
                .ifPresent(deleted -> catalog.validate(collection(), store.read(deleted, collection().type)));
        CatalogEntry entry = store.restore(collection(), checkedId(id), caller.name());
        return Response.ok(present(entry)).tag(etag(entry)).build();
    }

    @GET
    @Path("{id}/history")
    public List<RevisionView> history(@PathParam("id") String id) {
        return store.history(collection(), checkedId(id)).stream()
                .map(r -> new RevisionView(r.version, r.operation, r.actor, r.changedAt, store.map(r.doc)))
                .toList();
    }

    @SuppressWarnings("unchecked")
    protected T present(CatalogEntry entry) {
        return (T) store.read(entry, collection().type).presented(entry.version);
    }

    static EntityTag etag(CatalogEntry entry) {
        return new EntityTag(Long.toString(entry.version));
    }

    static String checkedId(String id) {
        if (!Slug.isValid(id)) {
            throw ApiException.invalidField("id", Slug.MESSAGE + "; got '" + id + "'");
        }
        return id;
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw ApiException.invalidField("body", "is required: send the document as JSON");
        }
    }

    private static long requiredRevision(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag from your last GET so a concurrent change is not overwritten.",
                    List.of(new dev.accelerometer.common.problem.Problem.Violation("If-Match", "is required")));
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches, whatever revision it names.
            throw new ApiException(412, "weak-entity-tag", "Precondition failed",
                    "If-Match takes the strong ETag of the revision you read (RFC 9110 §13.1.1: a weak entity tag never matches); send "
                            + tag.substring(2) + " without W/.",
                    List.of(new dev.accelerometer.common.problem.Problem.Violation("If-Match", "is a weak entity tag (" + ifMatch
                            + "); send the strong ETag from GET")));
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("If-Match", "must be an ETag from this API such as \"3\"; got " + ifMatch);
        }
    }

}
