-- Contact directory (issue 13): contacts and their numbers (as typed + canonical E.164).
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "company" TEXT,
    "email" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "ContactNumber" (
    "id" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "label" TEXT,
    "number" TEXT NOT NULL,
    "canonical" TEXT NOT NULL,

    CONSTRAINT "ContactNumber_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Contact_organizationId_name_id_idx" ON "Contact"("organizationId", "name", "id");
CREATE UNIQUE INDEX "ContactNumber_contactId_position_key" ON "ContactNumber"("contactId", "position");
CREATE INDEX "ContactNumber_organizationId_canonical_idx" ON "ContactNumber"("organizationId", "canonical");

ALTER TABLE "Contact" ADD CONSTRAINT "Contact_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ContactNumber" ADD CONSTRAINT "ContactNumber_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
