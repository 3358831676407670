export default function SquadPage() {
  return (
    <section>
      <h1>SquadPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
