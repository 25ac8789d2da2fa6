// Wire shapes of the Salesforce REST responses Sidecar reads.
import * as z from 'zod';

export const Attributes = z.object({ type: z.string(), url: z.string().optional() });

/** A record: `attributes`, `Id`, and whichever fields were asked for. */
export const SObject = z.looseObject({ attributes: Attributes, Id: z.string() });
export type SObject = z.infer<typeof SObject>;

/** A query row: `Id` is absent when it was not selected. */
export const QueryRecord = z.looseObject({ attributes: Attributes });
export type QueryRecord = z.infer<typeof QueryRecord>;

/** One page of a SOQL answer; `nextRecordsUrl` is a path on the same instance. */
export function queryPage<S extends z.ZodType>(record: S) {
  return z.object({
    totalSize: z.number().int(),
    done: z.boolean(),
    records: z.array(record),
    nextRecordsUrl: z.string().optional(),
  });
}

/** Salesforce reports errors as an array. */
export const ErrorArray = z.array(
  z.object({
    message: z.string(),
    errorCode: z.string(),
    fields: z.array(z.string()).optional(),
  }),
);
export type ErrorArray = z.infer<typeof ErrorArray>;

/** POST /sobjects/{type}: ContentNote, ContentDocumentLink, Task. */
export const CreateResult = z.object({
  id: z.string(),
  success: z.boolean(),
  errors: z.array(z.looseObject({ message: z.string().optional(), statusCode: z.string().optional() })),
});
export type CreateResult = z.infer<typeof CreateResult>;

/** One subrequest's answer in a Composite call; the body is a create result, or an error array. */
export const CompositeAnswer = z.object({
  compositeResponse: z.array(
    z.object({
      body: z.unknown(),
      httpStatusCode: z.number().int(),
      referenceId: z.string(),
    }),
  ),
});
export type CompositeAnswer = z.infer<typeof CompositeAnswer>;

/** PATCH answers 204 with no body. */
export const NoContent = z.undefined();

const nullableString = z.string().nullable().optional().transform((v) => v ?? null);

/** The creating user (CreatedBy.Name), null when the user is not visible. */
const CreatedBy = z.looseObject({ Name: nullableString }).nullable().optional().transform((v) => v ?? null);

export const TaskRow = z.looseObject({
  attributes: Attributes,
  Id: z.string(),
  CreatedById: nullableString,
  CreatedBy,
  Subject: nullableString,
  Description: nullableString,
  ActivityDate: nullableString,
  CreatedDate: z.string(),
  LastModifiedDate: z.string(),
});

export const LinkRow = z.looseObject({ attributes: Attributes, ContentDocumentId: z.string() });

export const ContentNoteRow = z.looseObject({
  attributes: Attributes,
  Id: z.string(),
  CreatedById: nullableString,
  CreatedBy,
  Title: nullableString,
  TextPreview: nullableString,
  CreatedDate: z.string(),
  LastModifiedDate: z.string(),
});

/** OAuth token endpoint (authorization_code and refresh_token grants). */
export const TokenResponse = z.object({
  access_token: z.string().min(1),
  instance_url: z.url(),
  refresh_token: z.string().optional(),
  id: z.string().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  signature: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponse>;

export const OAuthError = z.object({ error: z.string(), error_description: z.string().optional() });

/**
 * GET /services/oauth2/userinfo (OpenID Connect UserInfo): the signed-in user.
 * `user_id` is the User id; `name`, `email` come with the profile and email scopes.
 */
export const UserInfo = z.looseObject({
  user_id: z.string(),
  organization_id: z.string().optional(),
  name: z.string().nullable().optional(),
  preferred_username: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

/** GET /services/data/vXX.X/chatter/users/me: the current user, under the `api` scope (chatter_api is part of it). */
export const ChatterMe = z.looseObject({ id: z.string(), name: z.string().nullable().optional(), email: z.string().nullable().optional() });

export const UserRow = z.looseObject({ attributes: Attributes, Id: z.string(), Name: nullableString, Email: nullableString });

const ContactFields = {
  FirstName: nullableString,
  LastName: nullableString,
  Email: nullableString,
  Title: nullableString,
  /** The most recent task or event on the contact (a date). */
  LastActivityDate: nullableString,
};

export const ContactRow = z.looseObject({ attributes: Attributes, Id: z.string(), ...ContactFields });

/** AccountContactRelation (Contacts to Multiple Accounts): IsDirect says the account is the contact's primary one. */
export const RelationRow = z.looseObject({
  attributes: Attributes,
  ContactId: z.string(),
  IsDirect: z.boolean().nullable().optional(),
  Contact: z.looseObject(ContactFields).nullable().optional(),
});
