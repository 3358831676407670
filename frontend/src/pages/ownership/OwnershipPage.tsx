export default function OwnershipPage() {
  return (
    <section>
      <h1>OwnershipPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
